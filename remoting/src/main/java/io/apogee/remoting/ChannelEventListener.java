package io.apogee.remoting;

/** Told about connections of a server or client. Called on I/O threads: must not block. */
public interface ChannelEventListener {

    default void onConnect(RemoteChannel channel) {
    }

    /** The connection closed (by either side) or was closed after an error. */
    default void onClose(RemoteChannel channel) {
    }
}
