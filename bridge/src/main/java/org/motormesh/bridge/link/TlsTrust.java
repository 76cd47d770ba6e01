package org.motormesh.bridge.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of the link: the JDK's trusted authorities, plus at most one extra certificate file
 * (a self-signed classroom server). There is deliberately no way to trust everything; host names are
 * checked by the link either way.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** The default context, or one that also trusts the certificates in {@code extraCert} (PEM or DER). */
    public static SSLContext context(Path extraCert) throws GeneralSecurityException, IOException {
        if (extraCert == null) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(extraCert).getTrustManagers(), null);
        return context;
    }

    /**
     * The JDK's trusted authorities plus the certificates in {@code extraCert} (PEM or DER; null for none), for
     * clients that take a trust manager factory rather than a context (the MQTT link).
     */
    public static TrustManagerFactory trustManagers(Path extraCert) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (extraCert == null) {
            tmf.init((KeyStore) null);
            return tmf;
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (X509Certificate ca : defaultTrust().getAcceptedIssuers()) {
            anchors.setCertificateEntry("ca-" + n++, ca);
        }
        int extra = 0;
        try (InputStream in = Files.newInputStream(extraCert)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("trusted-" + extra++, c);
            }
        }
        if (extra == 0) {
            throw new GeneralSecurityException("no certificate in --trust-cert file " + extraCert);
        }
        tmf.init(anchors);
        return tmf;
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509 trust manager");
    }
}
