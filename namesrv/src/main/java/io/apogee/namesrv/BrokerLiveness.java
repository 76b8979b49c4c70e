package io.apogee.namesrv;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.body.DataVersion;

/**
 * Liveness of one registered broker address: when it last registered, how long it may stay silent, the
 * connection it registered over and the version of its topic table.
 *
 * <p>Not thread-safe: owned by {@link RouteTable} and only touched under its lock.
 */
final class BrokerLiveness {

    final String clusterName;
    final String brokerName;
    final String brokerAddr;
    String haServerAddr;
    long lastUpdateMillis;
    long timeoutMillis;
    RemoteChannel channel;
    /** The channel's peer address captured while it was open; a closed channel may no longer report it. */
    String channelAddress;
    DataVersion dataVersion;

    BrokerLiveness(String clusterName, String brokerName, String brokerAddr) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
    }

    boolean isExpired(long nowMillis) {
        return nowMillis - lastUpdateMillis > timeoutMillis;
    }

    boolean cameOver(RemoteChannel closed) {
        if (channel == null || closed == null) {
            return false;
        }
        if (channel == closed) {
            return true;
        }
        String closedAddress = closed.remoteAddress();
        return channelAddress != null && channelAddress.equals(closedAddress);
    }
}
