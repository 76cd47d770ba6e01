package org.motormesh.bridge.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The embedded server's self-signed TLS identity, generated on first run with the running JDK's keytool
 * and kept in the user's config directory, so clients can trust the same certificate file across runs
 * ({@code --trust-cert}). Valid for localhost, 127.0.0.1, this host's name and its LAN addresses at
 * creation time.
 *
 * @param keyStore the PKCS12 key store
 * @param certificate the certificate alone, PEM, for clients to trust
 * @param password the key store password (kept beside it, owner-only)
 */
public record ServerKeys(Path keyStore, Path certificate, String password) {
    private static final String ALIAS = "channel";

    /** Loads the identity kept in {@code dir}, creating it first when it is missing. */
    public static ServerKeys loadOrCreate(Path dir) throws IOException {
        Path store = dir.resolve("channel-server.p12");
        Path cert = dir.resolve("channel-server.crt");
        Path pass = dir.resolve("channel-server.pass");
        if (Files.isRegularFile(store) && Files.isRegularFile(cert) && Files.isRegularFile(pass)) {
            return new ServerKeys(store, cert, Files.readString(pass, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(dir);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.deleteIfExists(store);
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=motormesh channel server",
                "-ext", "SAN=" + String.join(",", subjectNames()), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", store.toString(), "-storepass", password,
                "-file", cert.toString());
        Files.writeString(pass, password + "\n", StandardCharsets.UTF_8);
        ownerOnly(pass);
        ownerOnly(store);
        return new ServerKeys(store, cert, password);
    }

    /** A server TLS context presenting this identity. */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static List<String> subjectNames() {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
                names.add("dns:" + host);
            }
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.getAddress().length == 4 && !a.isLoopbackAddress()) {
                        names.add("ip:" + a.getHostAddress());
                    }
                }
            }
        } catch (IOException e) {
            // Host name or interfaces unknown: localhost still works.
        }
        return names;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the certificate", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory is already private.
        }
    }

    /** The default place: {@code $XDG_CONFIG_HOME/motormesh}, else {@code ~/.config/motormesh}. */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("motormesh");
    }
}
