package io.apogee.console.message;

import java.util.List;

/**
 * What a message search found: the rows (at most {@link MessageSearch#LIMIT}), whether more matched than are shown,
 * and a sentence when the search could not be done (unknown topic, a broker that failed); then {@code rows} holds
 * what was found before.
 *
 * <p>Immutable.
 */
public record SearchResult(List<MessageRow> rows, boolean truncated, String problem) {

    public static SearchResult none() {
        return new SearchResult(List.of(), false, "");
    }
}
