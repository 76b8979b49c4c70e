package io.apogee.namesrv;

import io.apogee.remoting.RemoteChannel;

/**
 * A broker address dropped for silence, with the connection it registered over (null if unknown) so the
 * caller can close it outside the route table's lock.
 */
public record ExpiredBroker(String brokerName, String brokerAddr, long silentMillis, RemoteChannel channel) {
}
