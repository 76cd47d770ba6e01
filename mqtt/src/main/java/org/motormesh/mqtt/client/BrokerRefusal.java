package org.motormesh.mqtt.client;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
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
 * Says in words why the broker could not be reached or refused us, and what to do: nothing listening, an unknown
 * host, a refused user name or password, a broker without MQTT 5, an untrusted, mismatched or expired TLS certificate,
 * a TLS link to a plain port. Stateless.
 */
public final class BrokerRefusal {
    private BrokerRefusal() {
    }

    /** A sentence for a teacher's console (never null). */
    public static String explain(Throwable error, SessionSettings s) {
        String where = s.host() + ":" + s.port();
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String refusal = connAck(e, s);
            if (refusal != null) {
                return refusal;
            }
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
                return "TLS problem: the broker's certificate is out of date (" + e.getMessage() + "): renew it on "
                        + "the broker, or fix this laptop's clock";
            }
            if (e instanceof CertPathBuilderException || e instanceof CertPathValidatorException
                    || message.contains("pkix path") || message.contains("unable to find valid certification path")) {
                return "TLS problem: the broker's certificate at " + where + " is not signed by an authority this "
                        + "laptop trusts: pass --ca-cert FILE with the certificate of the authority that signed it "
                        + "(the broker's cafile)";
            }
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return "TLS problem: the broker's certificate was issued for another name than " + s.host()
                        + ": connect by the name on the certificate";
            }
            if (e instanceof UnknownHostException) {
                return "the broker's host name " + s.host() + " cannot be found (a typo? no network?)";
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
                return "broker unreachable: nothing accepts connections at " + where + " (is the broker running? "
                        + (s.tls() ? "mqtts:// needs its TLS port, usually 8883" : "the usual port is 1883") + ")";
            }
            if (e instanceof SSLException) {
                return "TLS problem: the handshake with " + where + " failed (" + e.getMessage() + "); is that port a "
                        + "TLS listener? Use mqtt:// for a plain port";
            }
        }
        if (error instanceof ConnectionClosedException) {
            return s.tls() ? "the broker at " + where + " closed the connection (stopped? or a plain port for our "
                    + "mqtts://: use mqtt://)" : "the broker at " + where + " closed the connection (stopped, or not an "
                    + "MQTT port? a TLS port needs mqtts://)";
        }
        return "the link to " + where + " failed: " + error;
    }

    private static String badLogin(SessionSettings s) {
        return "auth refused: the broker refused user '" + s.username() + "' or its password (check --username and "
                + "--password against the broker's password file)";
    }

    private static String notAuthorized(SessionSettings s) {
        return s.username() == null
                ? "auth refused: the broker does not let anonymous clients in: pass --username and --password"
                : "auth refused: the broker does not let user '" + s.username() + "' in (wrong password, or not "
                        + "allowed by its access list)";
    }

    private static String connAck(Throwable e, SessionSettings s) {
        if (e instanceof Mqtt5ConnAckException) {
            Mqtt5ConnAckReasonCode code = ((Mqtt5ConnAckException) e).getMqttMessage().getReasonCode();
            switch (code) {
                case BAD_USER_NAME_OR_PASSWORD:
                    return badLogin(s);
                case NOT_AUTHORIZED:
                    return notAuthorized(s);
                case UNSUPPORTED_PROTOCOL_VERSION:
                    return "the broker does not speak MQTT 5: use --mqtt-version 3";
                default:
                    return "the broker refused the connection: " + code;
            }
        }
        if (e instanceof Mqtt3ConnAckException) {
            Mqtt3ConnAckReturnCode code = ((Mqtt3ConnAckException) e).getMqttMessage().getReturnCode();
            switch (code) {
                case BAD_USER_NAME_OR_PASSWORD:
                    return badLogin(s);
                case NOT_AUTHORIZED:
                    return notAuthorized(s);
                default:
                    return "the broker refused the connection: " + code;
            }
        }
        return null;
    }
}
