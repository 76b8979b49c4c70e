package io.apogee.common.text;

/**
 * Renders text a client sent — a topic or group name, a header value, a filter expression — for a response
 * remark or a log argument, so that an echo can neither grow a response or a log line without bound nor forge
 * log lines:
 * <ul>
 *   <li>text longer than {@value #MAX_CHARS} characters is cut to its first {@value #MAX_CHARS} (never inside a
 *       surrogate pair) and followed by {@code …(N chars)}, N being the whole text's length;</li>
 *   <li>control characters (C0, DEL, C1), the line and paragraph separators U+2028 / U+2029 and invisible format
 *       characters (such as bidirectional overrides) are written as escapes: {@code \n}, {@code \r}, {@code \t},
 *       else {@code \}{@code uXXXX};</li>
 *   <li>null renders as {@code null}.</li>
 * </ul>
 * {@value #MAX_CHARS} is longer than any legal topic name (255 characters for {@code %RETRY%} / {@code %DLQ%}
 * topics) or group name, so a legal name is always echoed whole and stays searchable; only garbage is cut.
 * Text that needs neither cut nor escape is returned as is, without allocating.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class ClientText {

    /** Characters of client text kept in a remark or log line. */
    public static final int MAX_CHARS = 256;

    private static final char ELLIPSIS = '\u2026';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ClientText() {
    }

    /** {@code text} as it may appear in a remark or log line (see the class comment). */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int keep = keptLength(text);
        if (keep == text.length() && !needsEscape(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(keep + 24);
        for (int i = 0; i < keep; i++) {
            appendEscaped(out, text.charAt(i));
        }
        if (keep < text.length()) {
            out.append(ELLIPSIS).append('(').append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** How many leading characters are kept: all, or MAX_CHARS without splitting a surrogate pair. */
    private static int keptLength(String text) {
        if (text.length() <= MAX_CHARS) {
            return text.length();
        }
        return Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscaped(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEscaped(char c) {
        if (c >= ' ' && c < 0x7F) {
            return false;
        }
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    private static void appendEscaped(StringBuilder out, char c) {
        if (!isEscaped(c)) {
            out.append(c);
            return;
        }
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                    .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        }
    }
}
