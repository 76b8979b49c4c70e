package io.apogee.tools.message;

import io.apogee.common.message.MessageProperties;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes concatenated stored-message records (docs/protocol/09-message-format.md §2), the way the clients do:
 * strictly in order, and a truncated or unknown record ends the list. Magic V1 has a 1-byte topic length, V2 a
 * 2-byte one. Bodies compressed with zlib (sysFlag bit 0, type bits 0 or 0x300, docs/protocol/09-message-format.md
 * §4) are inflated; other compression types are returned as stored.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class RecordDecoder {

    static final int MAGIC_V1 = 0xDAA320A7;
    static final int MAGIC_V2 = 0xDAA320AB;
    private static final int COMPRESSED = 0x1;
    private static final int COMPRESSION_TYPE_MASK = 0x700;
    private static final int ZLIB = 0x300;
    private static final int BORN_HOST_V6 = 0x10;
    private static final int STORE_HOST_V6 = 0x20;

    private RecordDecoder() {
    }

    /** Every whole record of {@code body}, in order; an empty list for null or empty input. */
    public static List<MessageRecord> decodeAll(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        List<MessageRecord> records = new ArrayList<>();
        while (in.remaining() >= 8) {
            int start = in.position();
            int size = in.getInt(start);
            if (size <= 0 || size > in.remaining()) {
                break;
            }
            ByteBuffer record = in.slice(start, size);
            in.position(start + size);
            try {
                records.add(decodeOne(record));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                break;
            }
        }
        return records;
    }

    private static MessageRecord decodeOne(ByteBuffer in) {
        int storeSize = in.getInt();
        int magic = in.getInt();
        if (magic != MAGIC_V1 && magic != MAGIC_V2) {
            throw new IllegalArgumentException("unknown magic " + Integer.toHexString(magic));
        }
        int bodyCrc = in.getInt();
        int queueId = in.getInt();
        int flag = in.getInt();
        long queueOffset = in.getLong();
        long commitLogOffset = in.getLong();
        int sysFlag = in.getInt();
        long bornTimestamp = in.getLong();
        byte[] bornIp = bytes(in, (sysFlag & BORN_HOST_V6) != 0 ? 16 : 4);
        int bornPort = in.getInt();
        long storeTimestamp = in.getLong();
        byte[] storeIp = bytes(in, (sysFlag & STORE_HOST_V6) != 0 ? 16 : 4);
        int storePort = in.getInt();
        int reconsumeTimes = in.getInt();
        long preparedOffset = in.getLong();
        byte[] body = bytes(in, in.getInt());
        int topicLength = magic == MAGIC_V1 ? in.get() & 0xFF : in.getShort() & 0xFFFF;
        String topic = new String(bytes(in, topicLength), StandardCharsets.UTF_8);
        String props = new String(bytes(in, in.getShort() & 0xFFFF), StandardCharsets.UTF_8);
        return new MessageRecord(storeSize, bodyCrc, queueId, flag, queueOffset, commitLogOffset, sysFlag,
                bornTimestamp, host(bornIp, bornPort), storeTimestamp, host(storeIp, storePort), reconsumeTimes,
                preparedOffset, topic, properties(props), inflated(body, sysFlag),
                offsetMsgId(storeIp, storePort, commitLogOffset));
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** The entries that count of a properties string (docs/protocol/09-message-format.md §5), in order. */
    public static Map<String, String> properties(String props) {
        Map<String, String> map = new LinkedHashMap<>();
        MessageProperties.forEachEntry(props, (text, from, separator, end) ->
                map.put(text.substring(from, separator), text.substring(separator + 1, end)));
        return Collections.unmodifiableMap(map);
    }

    private static String host(byte[] ip, int port) {
        try {
            return InetAddress.getByAddress(ip).getHostAddress() + ":" + port;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + ip.length, e);
        }
    }

    /** Store host ip, port, commit-log offset in upper-case hex (docs/protocol/09-message-format.md §6). */
    static String offsetMsgId(byte[] ip, int port, long commitLogOffset) {
        ByteBuffer id = ByteBuffer.allocate(ip.length + 12).put(ip).putInt(port).putLong(commitLogOffset);
        StringBuilder hex = new StringBuilder(id.capacity() * 2);
        for (byte b : id.array()) {
            hex.append(String.format(Locale.ROOT, "%02X", b));
        }
        return hex.toString();
    }

    private static byte[] inflated(byte[] body, int sysFlag) {
        int type = sysFlag & COMPRESSION_TYPE_MASK;
        if ((sysFlag & COMPRESSED) == 0 || (type != 0 && type != ZLIB)) {
            return body;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return body;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return body;
        } finally {
            inflater.end();
        }
    }
}
