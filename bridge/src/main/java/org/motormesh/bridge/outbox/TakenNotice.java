package org.motormesh.bridge.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the active bridge tells its standbys on the mesh (topic {@link #TOPIC}, QoS 1, mesh-only): the failover keys
 * of QoS 1 messages the channel link has taken, so their {@link Shadow} copies are dropped. The value is text,
 * keys separated by spaces, at most {@link #MAX_CHARS} characters per notice (one frame). Parsing is strict: a notice that is not such a
 * list is refused whole (null), never half-applied.
 */
public final class TakenNotice {
    /** Under the mesh-only prefix: never sent to the channel. */
    public static final String TOPIC = "$mesh/bridge/taken";
    /** Characters per notice: fits one frame (with the topic and the Publish's fields) with room to spare. */
    public static final int MAX_CHARS = 900;
    private static final Pattern KEY = Pattern.compile("[0-9a-zA-Z._-]{1,40}/\\d{1,19}/\\d{1,19}");

    private TakenNotice() {
    }

    /** The notice texts for {@code keys} (each at most 80 characters), {@link #MAX_CHARS} per text. */
    public static List<String> encode(List<String> keys) {
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            if (text.length() > 0 && text.length() + 1 + key.length() > MAX_CHARS) {
                texts.add(text.toString());
                text.setLength(0);
            }
            text.append(text.length() == 0 ? "" : " ").append(key);
        }
        if (text.length() > 0) {
            texts.add(text.toString());
        }
        return texts;
    }

    /** The keys of a notice text, or null when it is not a well-formed notice. */
    public static List<String> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            return null;
        }
        String[] words = text.split(" ", -1);
        for (String w : words) {
            if (!KEY.matcher(w).matches()) {
                return null;
            }
        }
        return List.of(words);
    }
}
