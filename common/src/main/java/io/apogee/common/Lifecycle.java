package io.apogee.common;

/**
 * A server part that is started once and stopped once. Servers are assembled from these by a short
 * wiring class and stopped in reverse order of starting.
 */
public interface Lifecycle extends AutoCloseable {

    /** Starts the component: opens files, binds sockets, starts its threads. */
    void start() throws Exception;

    /** Stops the component and releases everything it holds. Must be safe to call more than once. */
    @Override
    void close();
}
