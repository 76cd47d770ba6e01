package org.motormesh.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A school's own certificate authority, made for one test with the JDK's keytool: the CA, and a broker certificate it
 * signs for localhost and 127.0.0.1, written as the PEM files Mosquitto reads.
 */
final class TestCa {
    private static final String PASS = "changeit";
    final Path caCert;
    final Path brokerCert;
    final Path brokerKey;

    private TestCa(Path dir) {
        this.caCert = dir.resolve("ca.pem");
        this.brokerCert = dir.resolve("broker.pem");
        this.brokerKey = dir.resolve("broker.key");
    }

    static TestCa create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir);
        String caStore = dir.resolve("ca.p12").toString();
        String brokerStore = dir.resolve("broker.p12").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Test School CA", "-ext", "bc:c", "-validity", "2", "-keystore", caStore);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore, "-file", ca.caCert.toString());
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-keystore", brokerStore);
        Path csr = dir.resolve("broker.csr");
        keytool("-certreq", "-alias", "broker", "-keystore", brokerStore, "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", caStore, "-infile", csr.toString(), "-outfile",
                ca.brokerCert.toString(), "-rfc", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(brokerStore))) {
            store.load(in, PASS.toCharArray());
        }
        Key key = store.getKey("broker", PASS.toCharArray());
        Files.writeString(ca.brokerKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return ca;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }
}
