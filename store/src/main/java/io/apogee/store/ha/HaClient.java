package io.apogee.store.ha;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slave's side of the classic HA protocol (frames: {@link HaConnection}): connects to the master's HA address,
 * reports the end of its log at once, appends every frame's bytes at that end ({@link ReplicaSink}) and reports the
 * new end after each frame, and every {@code haSendHeartbeatInterval} ms while idle. An empty slave whose first
 * frame starts beyond 0 moves its log there ({@link ReplicaSink#startAt}). A frame that does not continue the log
 * (the master's stream diverged) or silence for {@code haHousekeepingInterval} ms closes the connection; after a
 * failure it connects again every {@code haReconnectInterval} ms. The master's address may change at any time
 * ({@link #masterAddress(String)}, from the name server's registration answer).
 *
 * <p>Threads: one thread "apogee-ha-client" does all of the above; the address is volatile; {@link #start()} and
 * {@link #close()} are called by the store's owner thread.
 */
public final class HaClient implements AutoCloseable {

    /** Largest frame body accepted (Apache's slave read buffer). */
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(HaClient.class);

    private final ReplicaSink log;
    private final HaSettings settings;
    private final byte[] body = new byte[MAX_BODY];
    private final byte[] reportBytes = new byte[HaConnection.REPORT_SIZE];
    private final Thread thread = new Thread(this::run, "apogee-ha-client");
    private volatile String masterAddress;
    private volatile boolean closed;
    private volatile Socket socket;

    public HaClient(ReplicaSink log, HaSettings settings, String masterAddress) {
        this.log = log;
        this.settings = settings;
        this.masterAddress = masterAddress == null || masterAddress.isBlank() ? null : masterAddress.trim();
        thread.setDaemon(true);
    }

    /** Replicates from {@code address} (host:port of the master's HA port) from now on; null or blank: none. */
    public void masterAddress(String address) {
        String next = address == null || address.isBlank() ? null : address.trim();
        String previous = masterAddress;
        if (next != null && !next.equals(previous)) {
            masterAddress = next;
            LOG.info("HA: master address is now {}", next);
            closeSocket();
            LockSupport.unpark(thread);
        }
    }

    public String masterAddress() {
        return masterAddress;
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (!closed) {
            String address = masterAddress;
            if (address != null) {
                follow(address);
            }
            if (!closed) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(settings.reconnectMillis()));
            }
        }
    }

    /** One connection's life: returns when it failed or closed. */
    private void follow(String address) {
        try (Socket s = new Socket()) {
            socket = s;
            s.setTcpNoDelay(true);
            s.connect(parse(address), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout((int) Math.min(settings.heartbeatMillis(), settings.housekeepingMillis()));
            LOG.info("HA: connected to master {}, reporting offset {}", address, log.receivedEnd());
            // buffered: the 12-byte frame headers would otherwise cost a read() call per byte of readInt
            stream(s, new DataInputStream(new BufferedInputStream(s.getInputStream(), READ_BUFFER)));
        } catch (IOException | RuntimeException e) {
            if (!closed && address.equals(masterAddress)) {
                LOG.warn("HA: replication from {} stopped: {}; retrying in {} ms", address, e.toString(),
                        settings.reconnectMillis());
            }
        } finally {
            socket = null;
        }
    }

    private void stream(Socket s, DataInputStream in) throws IOException {
        report(s);
        long lastRead = System.currentTimeMillis();
        long lastReport = lastRead;
        while (!closed) {
            long offset;
            try {
                offset = in.readLong();
            } catch (SocketTimeoutException idle) {
                long now = System.currentTimeMillis();
                if (now - lastRead >= settings.housekeepingMillis()) {
                    throw new IOException("nothing from the master for " + (now - lastRead) + " ms");
                }
                report(s);
                lastReport = now;
                continue;
            }
            int size = in.readInt();
            if (size < 0 || size > MAX_BODY) {
                throw new IOException("frame of " + size + " bytes at offset " + offset + " (at most " + MAX_BODY
                        + ")");
            }
            in.readFully(body, 0, size);
            lastRead = System.currentTimeMillis();
            if (size > 0) {
                append(offset, size);
                report(s);
                lastReport = lastRead;
            } else if (offset != log.receivedEnd() && log.receivedEnd() > 0) {
                throw new IOException("master will send from offset " + offset + " but this slave's log ends at "
                        + log.receivedEnd());
            } else if (lastRead - lastReport >= settings.heartbeatMillis()) {
                report(s);
                lastReport = lastRead;
            }
        }
    }

    private void append(long offset, int size) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(body, 0, size);
        ReplicaSink.Append result = log.append(offset, data);
        if (result == ReplicaSink.Append.MISMATCH && log.startAt(offset)) {
            LOG.info("HA: empty log starts at the master's offset {}", offset);
            result = log.append(offset, ByteBuffer.wrap(body, 0, size));
        }
        switch (result) {
            case APPENDED -> { }
            case MISMATCH -> throw new IOException("frame at offset " + offset + " (" + size + " bytes) does not "
                    + "continue this slave's log, which ends at " + log.receivedEnd());
            case NO_SPACE -> throw new IOException("no disk space for " + size + " replicated bytes at " + offset);
            default -> throw new IllegalStateException("unknown append result " + result);
        }
    }

    private void report(Socket s) throws IOException {
        ByteBuffer.wrap(reportBytes).putLong(0, log.receivedEnd());
        s.getOutputStream().write(reportBytes);
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("HA master address '" + address + "' is not host:port");
        }
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("HA: closing the connection failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeSocket();
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
