package io.apogee.console.message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message body as a person reads it: UTF-8 text, a hex dump (16 bytes a line with offsets and the printable
 * characters), or pretty-printed JSON when the body is one JSON object or array. Long bodies are cut: text and JSON
 * after {@value #TEXT_LIMIT} bytes, the hex dump after {@value #HEX_LIMIT}.
 *
 * <p>Stateless apart from the thread-safe, configured-once {@link ObjectMapper}: thread-safe.
 */
public final class BodyText {

    public static final int TEXT_LIMIT = 256 * 1024;
    public static final int HEX_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private BodyText() {
    }

    /** The body decoded as UTF-8 (malformed bytes become U+FFFD), up to {@link #TEXT_LIMIT} bytes. */
    public static String text(byte[] body) {
        return new String(body, 0, Math.min(body.length, TEXT_LIMIT), StandardCharsets.UTF_8);
    }

    /** {@code 00000000  48 65 6c 6c 6f ...  |Hello...|}, 16 bytes a line, up to {@link #HEX_LIMIT} bytes. */
    public static String hex(byte[] body) {
        int length = Math.min(body.length, HEX_LIMIT);
        StringBuilder out = new StringBuilder(length * 5);
        for (int line = 0; line < length; line += 16) {
            appendHex(out, line, 8).append("  ");
            int end = Math.min(length, line + 16);
            for (int i = line; i < line + 16; i++) {
                if (i < end) {
                    appendHex(out, body[i] & 0xff, 2).append(' ');
                } else {
                    out.append("   ");
                }
            }
            out.append(" |");
            for (int i = line; i < end; i++) {
                int b = body[i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append("|\n");
        }
        return out.toString();
    }

    /** The body pretty-printed when it is one JSON object or array (within {@link #TEXT_LIMIT}); else empty. */
    public static Optional<String> json(byte[] body) {
        if (body.length == 0 || body.length > TEXT_LIMIT) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !(tree.isObject() || tree.isArray())) {
                return Optional.empty();
            }
            return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Whether the shown text is only the start of the body. */
    public static boolean cut(byte[] body, String as) {
        return body.length > (as.equals("hex") ? HEX_LIMIT : TEXT_LIMIT);
    }

    private static StringBuilder appendHex(StringBuilder out, int value, int digits) {
        char[] chars = new char[digits];
        Arrays.fill(chars, '0');
        int v = value;
        for (int i = digits - 1; i >= 0 && v != 0; i--) {
            chars[i] = DIGITS[v & 0xf];
            v >>>= 4;
        }
        return out.append(chars);
    }
}
