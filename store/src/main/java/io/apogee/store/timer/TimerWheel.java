package io.apogee.store.timer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The timer wheel: one slot per second of a window of {@code slots} seconds, each holding the head of a chain of
 * {@link TimerLog} entries (linked through their {@code prev}), plus the timer's cursors. Second {@code s} lives in
 * slot {@code s mod slots}; a timer further away than the window waits in its slot's chain and is rolled forward
 * when the cursor passes that slot. A memory-mapped file {@code timerwheel} of {@code 64 + 8 * slots} bytes
 * (1.4 MB for two days), so its size does not depend on how many timers are pending.
 *
 * <pre>
 *  0 int32 magic 0x41545731 ("ATW1")
 *  4 int32 slots
 *  8 int64 nextQueueOffset  next offset of the timer topic's queue to index
 * 16 int64 logEnd           the timer log's next append position
 * 24 int64 cursorSecond     oldest second not yet finished (all earlier seconds are delivered)
 * 32 int64 watermarkMs      deliverMs of the last delivered entry (Long.MIN_VALUE: none yet)
 * 40 int64 watermarkPos     its log position (entries are delivered in (deliverMs, position) order)
 * 48 16 bytes reserved
 * 64 int64[slots] head      log position of the newest entry of each slot, plus one (0: empty)
 * </pre>
 *
 * Writes go to the mapping, which the kernel keeps across a crash of the process; {@link #force()} makes them
 * durable against a machine failure. The owner orders its writes so that any prefix of them is recoverable (see the
 * broker's timer service).
 *
 * <p>Not thread-safe: owned by the one timer thread.
 */
public final class TimerWheel implements AutoCloseable {

    private static final int MAGIC = 0x41545731;
    private static final int HEADER = 64;

    private final FileChannel channel;
    private final MappedByteBuffer map;
    private final int slots;
    private final boolean created;

    /**
     * Opens (or creates, cursor at {@code nowSecond}) the wheel file. An existing file of another window size is
     * refused with an exception naming both sizes.
     */
    public TimerWheel(Path file, int slots, long nowSecond) throws IOException {
        if (slots < 2) {
            throw new IllegalArgumentException("a timer wheel needs at least 2 slots: " + slots);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean exists = Files.exists(file) && Files.size(file) >= HEADER;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.slots = slots;
        if (exists) {
            checkShape(file, slots);
        }
        this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + 8L * slots);
        this.created = !exists || map.getInt(0) != MAGIC;
        if (created) {
            map.putInt(4, slots).putLong(8, 0).putLong(16, 0).putLong(24, nowSecond)
                    .putLong(32, Long.MIN_VALUE).putLong(40, -1);
            map.putInt(0, MAGIC);
        }
    }

    private void checkShape(Path file, int wanted) throws IOException {
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(8);
        channel.read(head, 0);
        if (head.getInt(0) == MAGIC && head.getInt(4) != wanted) {
            channel.close();
            throw new IllegalStateException("the timer wheel " + file + " has " + head.getInt(4)
                    + " one-second slots but timerRollWindowSlot is " + wanted + "; set it back to "
                    + head.getInt(4) + " (the pending timers are laid out for that window)");
        }
    }

    /** True when this open created the file (no earlier state). */
    public boolean created() {
        return created;
    }

    public int slots() {
        return slots;
    }

    public long nextQueueOffset() {
        return map.getLong(8);
    }

    public void nextQueueOffset(long offset) {
        map.putLong(8, offset);
    }

    public long logEnd() {
        return map.getLong(16);
    }

    public void logEnd(long end) {
        map.putLong(16, end);
    }

    public long cursorSecond() {
        return map.getLong(24);
    }

    public void cursorSecond(long second) {
        map.putLong(24, second);
    }

    public long watermarkMs() {
        return map.getLong(32);
    }

    public long watermarkPos() {
        return map.getLong(40);
    }

    /** Records the last delivered entry. */
    public void watermark(long deliverMs, long pos) {
        map.putLong(40, pos);
        map.putLong(32, deliverMs);
    }

    /** Log position of the newest entry of {@code second}'s slot; -1 when empty. */
    public long head(long second) {
        return map.getLong(offsetOf(second)) - 1;
    }

    /** Sets the newest entry of {@code second}'s slot (-1: empty). */
    public void head(long second, long pos) {
        map.putLong(offsetOf(second), pos + 1);
    }

    /** The slot index of a second. */
    public int slotOf(long second) {
        return (int) Math.floorMod(second, (long) slots);
    }

    /** Forces the mapping to the device. */
    public void force() {
        map.force();
    }

    @Override
    public void close() throws IOException {
        map.force();
        channel.close();
    }

    private int offsetOf(long second) {
        return HEADER + 8 * slotOf(second);
    }
}
