package io.apogee.common.config;

import java.util.Locale;

/**
 * Case-insensitive Levenshtein distance, used to suggest the key an operator probably meant.
 *
 * <p>Stateless, so safe to use from any thread.
 */
final class EditDistance {

    private EditDistance() {
    }

    /** The number of single-character insertions, deletions or substitutions between a and b, ignoring case. */
    static int between(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[t.length() + 1];
        int[] current = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[t.length()];
    }
}
