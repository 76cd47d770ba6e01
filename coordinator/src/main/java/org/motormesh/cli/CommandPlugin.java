package org.motormesh.cli;

import java.util.List;

/**
 * Verbs contributed by other modules (the bridge's {@code bridge}, {@code channel-server}, ...), found with
 * {@link java.util.ServiceLoader}, so the coordinator needs no dependency on them.
 */
public interface CommandPlugin {
    /** picocli {@code @Command} objects added as top-level verbs. */
    List<Object> commands();

    /** picocli {@code @Command} objects added under {@code motormesh bench}. */
    default List<Object> benchmarks() {
        return List.of();
    }
}
