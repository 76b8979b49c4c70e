package io.apogee.remoting;

/**
 * An address given as "host:port" (IPv6 hosts may be bracketed: "[::1]:9876").
 *
 * @param host host name or IP literal, without brackets
 * @param port TCP port, 1..65535
 */
record HostAndPort(String host, int port) {

    /** Parses {@code addr}; an unusable address is an {@link IllegalArgumentException} naming it. */
    static HostAndPort parse(String addr) {
        int colon = addr == null ? -1 : addr.lastIndexOf(':');
        if (colon <= 0 || colon == addr.length() - 1) {
            throw new IllegalArgumentException("address '" + addr + "' is not host:port");
        }
        String host = addr.substring(0, colon).trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + addr + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address '" + addr + "' has port " + port + " outside 1..65535");
        }
        return new HostAndPort(host, port);
    }
}
