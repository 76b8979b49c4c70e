package io.apogee.broker.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The address clients use to reach this broker: what is registered with name servers as
 * {@code brokerAddrs[brokerId]} and what every stored message carries as its store host (and so inside every
 * offsetMsgId). The high-availability address registered alongside is the same host with port + 1.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param ip   dotted IPv4 (or IPv6 literal) clients connect to
 * @param port the bound client port
 */
public record BrokerAddress(String ip, int port) {

    private static final String LOOPBACK = "127.0.0.1";

    /**
     * The address for a broker listening on {@code port}: {@code configuredIp} when set, otherwise the first
     * non-loopback site-local IPv4 address of this host, otherwise 127.0.0.1.
     */
    public static BrokerAddress resolve(String configuredIp, int port) {
        if (configuredIp != null && !configuredIp.isBlank()) {
            return new BrokerAddress(configuredIp.trim(), port);
        }
        return new BrokerAddress(firstSiteLocalIpv4(), port);
    }

    private static String firstSiteLocalIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return LOOPBACK;
    }

    /** The socket address stored as a message's store host. */
    public InetSocketAddress socketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("brokerIP1 '" + ip + "' is not a resolvable address", e);
        }
    }

    /** "ip:haPort" ("ip:(port+1)" for a negative {@code haPort}: a slave serves none), registered as haServerAddr. */
    public String haAddress(int haPort) {
        return ip + ":" + (haPort < 0 ? port + 1 : haPort);
    }

    /** "ip:port". */
    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
