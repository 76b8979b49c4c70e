package io.apogee.store.ha;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slave's connection to the master, RocketMQ's classic HA protocol (integers big-endian, no handshake):
 * <ul>
 *   <li>slave → master: {@code int64 offset}, the end of the slave's commit log. The first report fixes where the
 *       stream starts: 0 means an empty slave, which gets the master's oldest retained byte (or, with
 *       {@code syncFromLastFile}, the first byte of its newest file, as Apache); any other value is where the slave
 *       left off. Every later report acknowledges the bytes below it (counted only up to what was sent).</li>
 *   <li>master → slave: {@code int64 offset · int32 size · size bytes}: raw commit-log bytes from {@code offset},
 *       at most {@code haTransferBatchSize}, never across a commit-log file, possibly cutting a record; size 0 is a
 *       heartbeat, sent after {@code haSendHeartbeatInterval} ms without data.</li>
 * </ul>
 * A slave whose first report lies beyond the master's end (a master restored from an older backup) is refused:
 * the connection is closed and the mismatch logged, never papered over. A slave behind the master's oldest retained
 * byte gets heartbeats only, logged once. Either side closes after {@code haHousekeepingInterval} ms of silence.
 *
 * <p>Threads: "apogee-ha-send-N" streams (woken by {@link #wakeSender()} after appends, else polling every
 * {@value #POLL_MILLIS} ms); "apogee-ha-read-N" reads reports. The body bytes go from the mapped file to the socket
 * without a copy. Offsets shared between the two are volatile; {@link #close()} may be called by either or by the
 * service, once effectively.
 */
final class HaConnection {

    static final int HEADER_SIZE = 12;
    static final int REPORT_SIZE = 8;
    private static final long POLL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);
    private static final ByteBuffer NO_BODY = ByteBuffer.allocate(0);

    private final HaService service;
    private final ReplicaSource log;
    private final HaSettings settings;
    private final SocketChannel channel;
    private final String name;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
    private final ByteBuffer[] frame = new ByteBuffer[2];
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread sender;
    private final Thread reader;
    private volatile long firstReport = -1;
    private volatile long sentOffset = -1;
    private volatile long ackedOffset = -1;

    HaConnection(HaService service, ReplicaSource log, HaSettings settings, SocketChannel channel, int id)
            throws IOException {
        this.service = service;
        this.log = log;
        this.settings = settings;
        this.channel = channel;
        this.name = "slave " + channel.getRemoteAddress();
        channel.socket().setTcpNoDelay(true);
        channel.socket().setSoTimeout((int) settings.housekeepingMillis());
        this.sender = new Thread(this::sendLoop, "apogee-ha-send-" + id);
        this.reader = new Thread(this::readLoop, "apogee-ha-read-" + id);
        sender.setDaemon(true);
        reader.setDaemon(true);
    }

    void start() {
        LOG.info("HA: {} connected", name);
        reader.start();
        sender.start();
    }

    /** Highest offset the slave acknowledged (and was sent); -1 before its first report. */
    long ackedOffset() {
        return ackedOffset;
    }

    void wakeSender() {
        LockSupport.unpark(sender);
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(channel.socket().getInputStream());
            while (!closed.get()) {
                long reported = in.readLong();
                if (firstReport < 0 && !accepted(reported)) {
                    return;
                }
                long sent = sentOffset;
                ackedOffset = sent < 0 ? Math.min(reported, log.writeOffset()) : Math.min(reported, sent);
                service.acknowledged();
            }
        } catch (SocketTimeoutException e) {
            LOG.warn("HA: no report from {} for {} ms; closing", name, settings.housekeepingMillis());
        } catch (EOFException e) {
            LOG.info("HA: {} disconnected", name);
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.warn("HA: reading from {} failed: {}", name, e.toString());
            }
        } finally {
            close();
        }
    }

    /** Takes the first report; false (and logged) when the slave holds more than this master. */
    private boolean accepted(long reported) {
        long end = log.writeOffset();
        if (reported > end) {
            LOG.error("HA: {} reports commit-log offset {} beyond this master's end {}: the slave holds data this "
                    + "master does not (was the master restored from an older copy?); refusing it. Restore the "
                    + "master's newer data, or empty the slave's store to copy this master again", name, reported,
                    end);
            return false;
        }
        firstReport = reported;
        LockSupport.unpark(sender);
        return true;
    }

    private void sendLoop() {
        try {
            long next = awaitStart();
            if (next < 0) {
                return;
            }
            long lastWrite = System.currentTimeMillis();
            boolean warnedBehind = false;
            while (!closed.get()) {
                ByteBuffer slice = next < log.writeOffset() ? log.transferSlice(next, settings.transferBatchSize())
                        : null;
                if (slice != null && slice.hasRemaining()) {
                    int length = slice.remaining();
                    long offset = next;
                    next += length;
                    sentOffset = next; // before the write: the slave may acknowledge before write() returns
                    write(offset, slice);
                    lastWrite = System.currentTimeMillis();
                    continue;
                }
                if (next < log.minOffset() && !warnedBehind) {
                    warnedBehind = true;
                    LOG.error("HA: {} is at offset {}, below this master's oldest retained offset {}: it cannot "
                            + "catch up; empty its store to copy this master again", name, next, log.minOffset());
                }
                if (System.currentTimeMillis() - lastWrite >= settings.heartbeatMillis()) {
                    write(next, NO_BODY);
                    lastWrite = System.currentTimeMillis();
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.warn("HA: sending to {} failed: {}", name, e.toString());
            }
        } finally {
            close();
        }
    }

    /** Waits for the slave's first report and turns it into the first offset to send; -1 when closed first. */
    private long awaitStart() {
        while (firstReport < 0 && !closed.get()) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        long reported = firstReport;
        if (reported < 0) {
            return -1;
        }
        long start = reported > 0 ? reported : emptySlaveStart();
        sentOffset = start;
        LOG.info("HA: {} reported {}; streaming from offset {}", name, reported, start);
        return start;
    }

    private long emptySlaveStart() {
        if (settings.fromLastFile()) {
            long end = log.writeOffset();
            return end - end % log.fileSize();
        }
        return log.minOffset();
    }

    private void write(long offset, ByteBuffer body) throws IOException {
        header.clear();
        header.putLong(offset).putInt(body.remaining()).flip();
        frame[0] = header;
        frame[1] = body;
        while (header.hasRemaining() || body.hasRemaining()) {
            channel.write(frame);
        }
        frame[1] = null;
    }

    /** Closes the socket (ending both threads) and leaves the service; idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("HA: closing {} failed", name, e);
        }
        LockSupport.unpark(sender);
        service.closed(this);
    }
}
