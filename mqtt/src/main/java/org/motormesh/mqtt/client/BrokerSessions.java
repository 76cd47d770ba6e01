package org.motormesh.mqtt.client;

import com.hivemq.client.mqtt.MqttClientBuilderBase;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Builds the {@link BrokerSession} for a protocol version, and holds what both versions configure the same way:
 * address, TLS with verified certificates, automatic reconnection (fast at first, at most every 2 s), and the
 * listeners that report each connect and drop.
 */
public final class BrokerSessions {
    /** First retry after a drop; a restarted local broker is back within this. */
    static final long RECONNECT_INITIAL_MS = 100;
    /** Longest wait between attempts while the broker stays away. */
    static final long RECONNECT_MAX_MS = 2000;

    private BrokerSessions() {
    }

    /** A session speaking MQTT {@code version} (3 for 3.1.1, or 5). */
    public static BrokerSession create(int version, SessionSettings settings, SessionListener listener) {
        switch (version) {
            case 3:
                return new Mqtt3Session(settings, listener);
            case 5:
                return new Mqtt5Session(settings, listener);
            default:
                throw new IllegalArgumentException("MQTT version must be 3 (3.1.1) or 5, was " + version);
        }
    }

    /** Address, TLS, reconnection and listeners, on either version's builder. */
    static <B extends MqttClientBuilderBase<B>> B common(B builder, SessionSettings s, Runnable connected,
            Consumer<MqttClientDisconnectedContext> disconnected) {
        B b = builder.identifier(s.clientId()).serverHost(s.host()).serverPort(s.port())
                .automaticReconnect().initialDelay(RECONNECT_INITIAL_MS, TimeUnit.MILLISECONDS)
                .maxDelay(RECONNECT_MAX_MS, TimeUnit.MILLISECONDS).applyAutomaticReconnect()
                .addConnectedListener(context -> connected.run())
                .addDisconnectedListener(disconnected::accept);
        if (s.tls()) {
            // Host names are checked (the client's default endpoint identification); there is no trust-all switch.
            b = b.sslConfig().trustManagerFactory(s.trust()).applySslConfig();
        }
        return b;
    }

    /** What a drop means for the session: stopped (no more attempts) or reported, and subscriptions are ours to make. */
    static void onDisconnected(MqttClientDisconnectedContext context, boolean stopped, SessionSettings s,
            SessionListener listener) {
        context.getReconnector().resubscribeIfSessionExpired(false).republishIfSessionExpired(false);
        if (stopped) {
            context.getReconnector().reconnect(false);
            return;
        }
        listener.onDisconnected(BrokerRefusal.explain(context.getCause(), s));
    }

    /** Waits a little for {@code future} (a disconnect), ignoring its failure: stopping never throws. */
    static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException ignored) {
            // not connected, or slow: the client stops reconnecting either way
        }
    }
}
