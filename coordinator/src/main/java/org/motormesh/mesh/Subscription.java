package org.motormesh.mesh;

/** A live subscription; closing it stops delivery and tells peers when no handler is left for the prefix. */
public interface Subscription extends AutoCloseable {
    String prefix();

    @Override
    void close();
}
