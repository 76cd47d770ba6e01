package org.motormesh.bridge.link;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in words why a connection attempt was refused, and what to do, from the exception Java-WebSocket reports
 * before it closes: an untrusted or self-signed certificate, one issued for another host name, an expired one,
 * nothing listening, an unknown host. Stateless.
 */
final class RefusalReason {
    private RefusalReason() {
    }

    /** A sentence for a teacher's console, or null when the error says nothing useful. */
    static String explain(Throwable error, String host, int port) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
                return "the channel's TLS certificate is out of date (" + e.getMessage() + "): the server must renew "
                        + "it, or this laptop's clock is wrong";
            }
            if (e instanceof CertPathBuilderException || e instanceof CertPathValidatorException
                    || message.contains("pkix path") || message.contains("unable to find valid certification path")) {
                return "the channel's TLS certificate is not signed by an authority this laptop trusts (a "
                        + "self-signed channel-server?): pass --trust-cert FILE with the server's certificate "
                        + "(motormesh channel-server prints where it keeps it)";
            }
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return "the channel's TLS certificate was issued for another host name than " + host
                        + ": connect by the name on the certificate";
            }
            if (e instanceof UnknownHostException) {
                return "the host name " + host + " cannot be found (offline? for a classroom without internet run "
                        + "'motormesh channel-server' and a bridge without --channel)";
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
                return "nothing accepts connections at " + host + ":" + port + " (is the channel server running?)";
            }
        }
        if (error instanceof SSLException) {
            return "the TLS handshake with " + host + " failed: " + error.getMessage();
        }
        return null;
    }
}
