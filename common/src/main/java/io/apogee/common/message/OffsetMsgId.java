package io.apogee.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The broker's message id, "offsetMsgId" ({@code docs/protocol/09-message-format.md §6}): upper-case hex of the
 * store host's IP bytes (4 or 16), its port as int32 and the commit-log offset as int64 — 32 hex characters for
 * IPv4, 56 for IPv6. {@link #decode} reads one back.
 *
 * <p>Immutable (the host part is computed once), hence thread-safe.
 */
public final class OffsetMsgId {

    /**
     * The parts of an offsetMsgId.
     *
     * @param storeHost {@code ip:port} of the broker that stored the message ({@code [ip]:port} for IPv6)
     */
    public record Decoded(String storeHost, long commitLogOffset) {
    }

    private final char[] hostPart;

    public OffsetMsgId(InetSocketAddress storeHost) {
        byte[] ip = storeHost.getAddress().getAddress();
        hostPart = new char[ip.length * 2 + 8];
        Hex.write(hostPart, 0, ip);
        Hex.write(hostPart, ip.length * 2, storeHost.getPort(), 8);
    }

    /** The id of the message stored at {@code commitLogOffset}. */
    public String of(long commitLogOffset) {
        char[] id = new char[hostPart.length + 16];
        System.arraycopy(hostPart, 0, id, 0, hostPart.length);
        Hex.write(id, hostPart.length, commitLogOffset, 16);
        return new String(id);
    }

    /** The ids of a batch, comma-joined in order. */
    public String join(long[] commitLogOffsets) {
        StringBuilder sb = new StringBuilder(commitLogOffsets.length * (hostPart.length + 17));
        char[] id = new char[hostPart.length + 16];
        System.arraycopy(hostPart, 0, id, 0, hostPart.length);
        for (int i = 0; i < commitLogOffsets.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Hex.write(id, hostPart.length, commitLogOffsets[i], 16);
            sb.append(id);
        }
        return sb.toString();
    }

    /**
     * The parts of {@code id}, or empty when it is not upper- or lower-case hex of 32 (IPv4) or 56 (IPv6) characters
     * with a non-negative offset, as the clients decide. An IPv4 UNIQ_KEY also has 32 characters, so a decoded id
     * may still name no message.
     */
    public static Optional<Decoded> decode(String id) {
        String text = id == null ? "" : id.trim();
        int ipBytes = text.length() == 32 ? 4 : text.length() == 56 ? 16 : -1;
        byte[] bytes = ipBytes < 0 ? null : hex(text);
        if (bytes == null) {
            return Optional.empty();
        }
        int port = (int) bigEndian(bytes, ipBytes, 4);
        long offset = bigEndian(bytes, ipBytes + 4, 8);
        try {
            String host = InetAddress.getByAddress(Arrays.copyOf(bytes, ipBytes)).getHostAddress();
            return offset < 0 ? Optional.empty()
                    : Optional.of(new Decoded(ipBytes == 16 ? "[" + host + "]:" + port : host + ":" + port, offset));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
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
