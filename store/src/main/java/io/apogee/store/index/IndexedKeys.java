package io.apogee.store.index;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Finds the keys a stored record is indexed under, straight in its properties bytes
 * ({@code name\u0001value\u0002...}, UTF-8; see common.message.MessageProperties): the value of
 * {@code UNIQ_KEY}, and each non-empty token of {@code KEYS} split at spaces. Each key is handed to a
 * {@link KeyVisitor} as a byte range, so indexing a record allocates nothing.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexedKeys {

    private static final byte NAME_END = 1;
    private static final byte PROPERTY_END = 2;
    private static final byte KEY_SEPARATOR = ' ';
    private static final byte[] UNIQ_KEY = {'U', 'N', 'I', 'Q', '_', 'K', 'E', 'Y'};
    private static final byte[] KEYS = {'K', 'E', 'Y', 'S'};
    private static final byte[] TAGS = {'T', 'A', 'G', 'S'};

    /** Receives one key as a byte range of the buffer; {@code tag} for the TAGS value. */
    @FunctionalInterface
    interface KeyVisitor {
        void key(int at, int length, boolean tag) throws IOException;
    }

    private IndexedKeys() {
    }

    /** Calls {@code visitor} for the UNIQ_KEY value, each KEYS token and the TAGS value, in property order. */
    static void forEach(ByteBuffer buf, int propsAt, int propsLen, KeyVisitor visitor) throws IOException {
        int end = propsAt + propsLen;
        int i = propsAt;
        while (i < end) {
            int nameEnd = indexOf(buf, i, end, NAME_END);
            if (nameEnd < 0) {
                return;
            }
            int valueEnd = indexOf(buf, nameEnd + 1, end, PROPERTY_END);
            if (valueEnd < 0) {
                valueEnd = end;
            }
            if (is(buf, i, nameEnd, UNIQ_KEY) && valueEnd > nameEnd + 1) {
                visitor.key(nameEnd + 1, valueEnd - nameEnd - 1, false);
            } else if (is(buf, i, nameEnd, TAGS) && valueEnd > nameEnd + 1) {
                visitor.key(nameEnd + 1, valueEnd - nameEnd - 1, true);
            } else if (is(buf, i, nameEnd, KEYS)) {
                tokens(buf, nameEnd + 1, valueEnd, visitor);
            }
            i = valueEnd + 1;
        }
    }

    private static void tokens(ByteBuffer buf, int from, int to, KeyVisitor visitor) throws IOException {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || buf.get(i) == KEY_SEPARATOR) {
                if (i > start) {
                    visitor.key(start, i - start, false);
                }
                start = i + 1;
            }
        }
    }

    private static int indexOf(ByteBuffer buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf.get(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(ByteBuffer buf, int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (buf.get(from + k) != name[k]) {
                return false;
            }
        }
        return true;
    }
}
