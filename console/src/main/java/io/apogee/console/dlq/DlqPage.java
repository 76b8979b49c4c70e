package io.apogee.console.dlq;

import io.apogee.console.web.Paging;
import java.util.List;

/**
 * One page of a group's dead letters ({@link Paging#SIZE} a page, in queue and offset order); {@code problem} is a
 * sentence when they could not be read (then the rows are those read before).
 *
 * <p>Immutable.
 */
public record DlqPage(List<DeadLetterRow> rows, Paging paging, String problem) {
}
