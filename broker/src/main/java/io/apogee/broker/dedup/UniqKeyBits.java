package io.apogee.broker.dedup;

import java.util.Arrays;

/**
 * The 128 bits that stand for a message's {@code UNIQ_KEY} in the {@link RecentSends} window, read without making
 * a String or an array. A key of 32 hex digits (what both Apache clients generate on an IPv4 host: 4 address
 * bytes, pid, class-loader hash, time, counter; docs/protocol/16-timers-trace-reply-pop.md §5) is its 16 bytes,
 * exactly. Any other key (an IPv6 host's 56 digits, or one an application set itself) is folded into 128 bits by
 * two independent 64-bit hashes of its characters, so two such keys are taken for one with a chance of about
 * 2<sup>-128</sup> per pair.
 *
 * <p>Stateless, hence thread-safe.
 */
final class UniqKeyBits {

    private static final int HEX_LENGTH = 32;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long SEED = 0x9E3779B97F4A7C15L;
    /** Value of each ASCII hex digit (either case); -1 for every other character below 128. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            DIGITS[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            DIGITS[c] = (byte) (c - 'a' + 10);
            DIGITS[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private UniqKeyBits() {
    }

    /** The high 64 bits of {@code key}; {@code hex} is {@link #isHex}'s answer for it. */
    static long high(String key, boolean hex) {
        return hex ? hex(key, 0) : fnv(key);
    }

    /** The low 64 bits of {@code key}; {@code hex} is {@link #isHex}'s answer for it. */
    static long low(String key, boolean hex) {
        return hex ? hex(key, HEX_LENGTH / 2) : polynomial(key);
    }

    /** True for a key of exactly 32 hex digits. */
    static boolean isHex(String key) {
        if (key.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = key.charAt(i);
            if (c >= DIGITS.length || DIGITS[c] < 0) {
                return false;
            }
        }
        return true;
    }

    private static long hex(String key, int from) {
        long v = 0;
        for (int i = from; i < from + HEX_LENGTH / 2; i++) {
            v = (v << 4) | DIGITS[key.charAt(i)];
        }
        return v;
    }

    private static long fnv(String key) {
        long h = FNV_OFFSET;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long polynomial(String key) {
        long h = SEED;
        for (int i = 0; i < key.length(); i++) {
            h = Long.rotateLeft(h * 0xC2B2AE3D27D4EB4FL + key.charAt(i), 31);
        }
        return h ^ (h >>> 33);
    }
}
