package org.motormesh.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.MessageHandler;

/**
 * This node's subscriptions: topic prefixes (as on the channel: "" is everything) and their handlers.
 * Not thread safe: owned by the event loop.
 */
public final class LocalSubscriptions {
    private final Map<String, List<MessageHandler>> byPrefix = new LinkedHashMap<>();

    /** Adds a handler; returns true when the prefix is new (peers must be told). */
    public boolean add(String prefix, MessageHandler handler) {
        List<MessageHandler> handlers = byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>());
        handlers.add(handler);
        return handlers.size() == 1;
    }

    /** Removes a handler; returns true when the prefix has no handler left (peers must be told). */
    public boolean remove(String prefix, MessageHandler handler) {
        List<MessageHandler> handlers = byPrefix.get(prefix);
        if (handlers == null || !handlers.remove(handler)) {
            return false;
        }
        if (handlers.isEmpty()) {
            byPrefix.remove(prefix);
            return true;
        }
        return false;
    }

    public List<String> prefixes() {
        return List.copyOf(byPrefix.keySet());
    }

    /** Calls every handler whose prefix matches; a handler's exception goes to {@code onError}, the rest still run. */
    public int deliver(Message message, Consumer<RuntimeException> onError) {
        int delivered = 0;
        for (Map.Entry<String, List<MessageHandler>> entry : byPrefix.entrySet()) {
            if (message.topic().startsWith(entry.getKey())) {
                for (MessageHandler handler : List.copyOf(entry.getValue())) {
                    try {
                        handler.onMessage(message);
                        delivered++;
                    } catch (RuntimeException e) {
                        onError.accept(e);
                    }
                }
            }
        }
        return delivered;
    }
}
