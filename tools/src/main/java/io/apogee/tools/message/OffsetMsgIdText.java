package io.apogee.tools.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads an offsetMsgId (docs/protocol/09-message-format.md §6.2): upper-case hex of the store host's IP (4 or 16
 * bytes), its port (int32) and the commit-log offset (int64); 32 characters mean IPv4, 56 IPv6, as the clients
 * decide. An IPv4 UNIQ_KEY also has 32 characters, so a decoded id may still name no message.
 *
 * @param storeHost {@code ip:port} of the broker that stored the message
 */
public record OffsetMsgIdText(String storeHost, long commitLogOffset) {

    /** The parts of {@code id}, or empty when it is not hex of a possible length. */
    public static Optional<OffsetMsgIdText> parse(String id) {
        String text = id == null ? "" : id.trim();
        int ipBytes = text.length() == 32 ? 4 : text.length() == 56 ? 16 : -1;
        if (ipBytes < 0) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] ip = new byte[ipBytes];
        System.arraycopy(bytes, 0, ip, 0, ipBytes);
        int port = (int) bigEndian(bytes, ipBytes, 4);
        long offset = bigEndian(bytes, ipBytes + 4, 8);
        try {
            String host = InetAddress.getByAddress(ip).getHostAddress();
            return Optional.of(new OffsetMsgIdText(ipBytes == 16 ? "[" + host + "]:" + port : host + ":" + port,
                    offset));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static long bigEndian(byte[] bytes, int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
