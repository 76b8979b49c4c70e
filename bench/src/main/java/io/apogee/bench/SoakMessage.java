package io.apogee.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Keys and bodies of the kill -9 soak ({@code bench soak-produce}, {@code bench soak-verify}, driven by
 * {@code bench/soak.sh}).
 *
 * <p>A key is {@code <cycle>-<thread>-<seq>} in decimal: unique within one soak run, and it names the cycle that
 * sent it. The body is a function of the key alone, so the verifier needs no other record to tell an intact
 * body from a damaged one. Layout (US-ASCII):
 * <pre>
 * key '|' pattern '|' crc
 * </pre>
 * {@code pattern} is 64..511 lowercase letters, its length and letters derived from the key's hash (so record
 * sizes vary and records end at varied positions within pages and files); {@code crc} is the CRC32 of everything
 * before it as 8 lowercase hex digits, so a damaged body is also recognisable without this class.
 *
 * <p>Thread-safe: stateless.
 */
final class SoakMessage {

    /** The tag of every soak message. */
    static final String TAG = "soak";
    /** What {@link #cycleOf} returns for something that is not a soak key. */
    static final int NO_CYCLE = -1;

    private static final int MIN_PATTERN = 64;
    private static final int PATTERN_SPAN = 448;

    private SoakMessage() {
    }

    static String key(int cycle, int thread, long seq) {
        return cycle + "-" + thread + "-" + seq;
    }

    /** The cycle a key was sent in, or {@link #NO_CYCLE} if {@code key} is not a soak key. */
    static int cycleOf(String key) {
        if (key == null) {
            return NO_CYCLE;
        }
        int dash = key.indexOf('-');
        if (dash <= 0 || key.indexOf('-', dash + 1) < 0) {
            return NO_CYCLE;
        }
        try {
            return Integer.parseInt(key, 0, dash, 10);
        } catch (NumberFormatException e) {
            return NO_CYCLE;
        }
    }

    /** The body a message with this key carries. */
    static byte[] body(String key) {
        int hash = key.hashCode();
        int length = MIN_PATTERN + Math.floorMod(hash, PATTERN_SPAN);
        StringBuilder text = new StringBuilder(key.length() + length + 10).append(key).append('|');
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + Math.floorMod(hash + i * 7, 26)));
        }
        text.append('|');
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        text.append(String.format(Locale.ROOT, "%08x", crc.getValue()));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** True if {@code body} is exactly the body of {@code key}. */
    static boolean intact(String key, byte[] body) {
        return key != null && Arrays.equals(body(key), body);
    }
}
