package io.apogee.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.ToIntFunction;

/**
 * Finds the intact records that follow a damaged region of the commit log, so that recovery keeps them instead of
 * truncating the log at the first bad byte, and marks the damaged region as a gap: a BLANK header
 * ({@code int32 length, int32 0xCBD43194}) whose length is less than the rest of its file, which the dispatcher,
 * readers and later recoveries step over. A damaged region that runs to the end of a file is marked with the
 * ordinary end-of-file BLANK; whole files inside it get one at their start.
 *
 * <p>The search looks at every byte position after the damage for an intact record ({@link RecordCheck}: its
 * physicalOffset field must equal its position, so a record is found only where it was written); runs of zero
 * bytes — the usual rest of a file after a torn tail — are skipped eight at a time, since no record starts with
 * a zero size. Nothing at or beyond a file's data end is searched (it is zeros; see {@link MappedFile#dataEnd()}).
 *
 * <p>Not thread-safe: used by recovery, before any other store thread runs.
 */
final class DamageSkipper {

    private final MappedFileQueue files;
    private final RecordCheck check;
    private final ToIntFunction<MappedFile> dataEnd;

    /** @param dataEnd a file's {@link MappedFile#dataEnd()}: nothing at or beyond it is searched */
    DamageSkipper(MappedFileQueue files, RecordCheck check, ToIntFunction<MappedFile> dataEnd) {
        this.files = files;
        this.check = check;
        this.dataEnd = dataEnd;
    }

    /** Offset of the first intact record after {@code damaged}, or -1 when there is none. */
    long nextIntact(long damaged, boolean verifyCrc) {
        long offset = damaged + 1;
        while (true) {
            MappedFile file = files.find(offset);
            if (file == null) {
                return -1;
            }
            int found = search(file, (int) (offset - file.startOffset()), verifyCrc);
            if (found >= 0) {
                return file.startOffset() + found;
            }
            offset = file.endOffset();
        }
    }

    private int search(MappedFile file, int from, boolean verifyCrc) {
        ByteBuffer buf = file.buffer();
        int last = Math.min(file.size() - StoredMessage.MIN_RECORD_SIZE, dataEnd.applyAsInt(file) - 1);
        for (int p = from; p <= last; p++) {
            if ((p & 7) == 0 && buf.getLong(p) == 0) {
                p += 4; // positions p..p+4 start with a zero size; the loop's p++ moves on to p+5
                continue;
            }
            if (check.isIntact(file, p, verifyCrc)) {
                return p;
            }
        }
        return -1;
    }

    /** Marks [from, to) as skipped: gap BLANKs where the region starts and in the file where it ends. */
    void markGap(long from, long to) throws IOException {
        long offset = from;
        while (offset < to) {
            MappedFile file = files.find(offset);
            int at = (int) (offset - file.startOffset());
            int length = (int) (Math.min(to, file.endOffset()) - offset);
            if (length >= CommitLog.BLANK_SIZE) {
                file.writeBlank(at, length);
            }
            offset += length;
        }
    }
}
