package io.apogee.console.web;

import java.util.List;

/**
 * One page of a long list (topics, groups): {@value #SIZE} rows from {@code page} (1-based) of {@code total}.
 *
 * @param query the search text that filtered the list, kept in the page links
 */
public record Paging(int page, int pages, int total, String query) {

    public static final int SIZE = 50;

    /** The page numbered {@code requested} (clamped to the existing ones) of a list of {@code total} rows. */
    public static Paging of(int requested, int total, String query) {
        int pages = Math.max(1, (total + SIZE - 1) / SIZE);
        return new Paging(Math.min(Math.max(1, requested), pages), pages, total, query);
    }

    /** The rows of this page. */
    public <T> List<T> slice(List<T> all) {
        int from = Math.min(all.size(), (page - 1) * SIZE);
        return all.subList(from, Math.min(all.size(), from + SIZE));
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
