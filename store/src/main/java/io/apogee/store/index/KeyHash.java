package io.apogee.store.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The index's key hash, {@code Math.abs("topic#key".hashCode())} with {@code Integer.MIN_VALUE} mapped to 0 (Apache
 * RocketMQ's {@code IndexFile.indexKeyHashMethod}, so that Apogee's and Apache's index files agree), computed
 * straight from UTF-8 bytes in a buffer without building the String: {@link String#hashCode()} is
 * {@code h = 31 * h + c} over UTF-16 code units, so the bytes are decoded to code units on the fly. A malformed
 * UTF-8 sequence (which the JDK decoder would replace) falls back to decoding the bytes into a String.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyHash {

    /** Returned by {@link #continueHash} for malformed UTF-8. */
    static final long MALFORMED = Long.MIN_VALUE;

    private KeyHash() {
    }

    /** The index hash of a key given as a String: {@code topic#key}, or {@code topic#T#tag} for a tag. */
    static int of(String topic, String key, boolean tag) {
        return positive((topic + separator(tag) + key).hashCode());
    }

    /** The index hash of {@code topic#key} ({@code topic#T#key} for a tag), both UTF-8 byte ranges of {@code buf}. */
    static int of(ByteBuffer buf, int topicAt, int topicLen, int keyAt, int keyLen, boolean tag) {
        long h = continueHash(0, buf, topicAt, topicLen);
        if (h != MALFORMED) {
            int sep = (int) h * 31 + '#';
            if (tag) {
                sep = (sep * 31 + 'T') * 31 + '#';
            }
            h = continueHash(sep, buf, keyAt, keyLen);
        }
        if (h == MALFORMED) {
            return positive((utf8(buf, topicAt, topicLen) + separator(tag) + utf8(buf, keyAt, keyLen)).hashCode());
        }
        return positive((int) h);
    }

    private static String separator(boolean tag) {
        return tag ? "#T#" : "#";
    }

    static int positive(int hash) {
        int abs = Math.abs(hash);
        return abs < 0 ? 0 : abs;
    }

    /** {@code String.hashCode} continued from {@code h} over the UTF-16 units of the bytes; MALFORMED if invalid. */
    static long continueHash(int h, ByteBuffer buf, int at, int len) {
        int end = at + len;
        int i = at;
        while (i < end) {
            int b = buf.get(i);
            if (b >= 0) {
                h = 31 * h + b;
                i++;
                continue;
            }
            int n = sequenceLength(b);
            int cp = n == 0 || i + n > end ? -1 : codePoint(buf, i, n);
            if (cp < 0) {
                return MALFORMED;
            }
            if (cp >= 0x10000) {
                h = 31 * h + Character.highSurrogate(cp);
                h = 31 * h + Character.lowSurrogate(cp);
            } else {
                h = 31 * h + cp;
            }
            i += n;
        }
        return h & 0xFFFFFFFFL;
    }

    /** Bytes of the UTF-8 sequence starting with the (negative) lead byte {@code b}; 0 when it cannot lead. */
    private static int sequenceLength(int b) {
        if (b >= (byte) 0xF0) {
            return b <= (byte) 0xF4 ? 4 : 0;
        }
        if (b >= (byte) 0xE0) {
            return 3;
        }
        return b >= (byte) 0xC2 ? 2 : 0;
    }

    /** The code point of the n-byte sequence at {@code i}, or -1 when it is malformed. */
    private static int codePoint(ByteBuffer buf, int i, int n) {
        int cp = buf.get(i) & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int c = buf.get(i + k);
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | c & 0x3F;
        }
        return wellFormed(cp, n) ? cp : -1;
    }

    /** Rejects overlong forms, surrogates and code points beyond U+10FFFF, as the JDK decoder does. */
    private static boolean wellFormed(int cp, int n) {
        return n == 2 ? cp >= 0x80 : n == 3 ? cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)
                : cp >= 0x10000 && cp <= 0x10FFFF;
    }

    private static String utf8(ByteBuffer buf, int at, int len) {
        byte[] bytes = new byte[len];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
