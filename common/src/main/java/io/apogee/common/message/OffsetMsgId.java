package io.apogee.common.message;

import java.net.InetSocketAddress;

/**
 * The broker's message id, "offsetMsgId" ({@code docs/protocol/09-message-format.md §6}): upper-case hex of the
 * store host's IP bytes (4 or 16), its port as int32 and the commit-log offset as int64 — 32 hex characters for
 * IPv4.
 *
 * <p>Immutable (the host part is computed once), hence thread-safe.
 */
public final class OffsetMsgId {

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
}
