package io.apogee.store.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's side of RocketMQ's classic HA protocol: listens on {@code haListenPort} (all interfaces, as Apache)
 * and streams the commit log to every slave that connects ({@link HaConnection}, which documents the frames).
 * For SYNC_MASTER it answers when a slave holds a message — {@code inSyncReplicas - 1} slaves when that is more
 * than one ({@link #replicated}, grouped in {@link ReplicaWaiters}).
 *
 * <p>Threads: "apogee-ha-accept" accepts connections; each connection runs its own sender and reader threads.
 * {@link #wakeSenders()} is called by appenders after each append (an unpark per connection); the connection list
 * is copy-on-write. {@link #start()} and {@link #close()} are called by the store's owner thread.
 */
public final class HaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HaService.class);

    private final ReplicaSource log;
    private final HaSettings settings;
    private final ReplicaWaiters waiters;
    private final CopyOnWriteArrayList<HaConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private ServerSocketChannel server;
    private Thread acceptor;
    private volatile boolean closed;

    public HaService(ReplicaSource log, HaSettings settings) {
        this.log = log;
        this.settings = settings;
        this.waiters = new ReplicaWaiters(settings.slaveTimeoutMillis(), settings.fallBehindMax());
    }

    /** Binds the HA port and starts accepting slaves. */
    public void start() throws IOException {
        server = ServerSocketChannel.open();
        server.socket().setReuseAddress(true);
        server.bind(new InetSocketAddress(settings.listenPort()));
        acceptor = new Thread(this::acceptLoop, "apogee-ha-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("HA service listening on port {}", port());
    }

    /** The bound HA port. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Number of connected slaves. */
    public int slaveCount() {
        return connections.size();
    }

    /** Highest offset any connected slave acknowledged; -1 when none is connected. */
    public long ackedOffset() {
        return ackedByAtLeast(1);
    }

    /**
     * The highest offset at least {@code slaves} connected slaves acknowledged (the {@code slaves}-th highest
     * acknowledgement); -1 when fewer slaves have reported.
     */
    long ackedByAtLeast(int slaves) {
        // runs on every SYNC_MASTER send and slave ack: a quadratic scan over a handful of slaves, no allocation
        long best = -1;
        for (HaConnection candidate : connections) {
            long offset = candidate.ackedOffset();
            if (offset <= best) {
                continue;
            }
            int holding = 0;
            for (HaConnection c : connections) {
                if (c.ackedOffset() >= offset) {
                    holding++;
                }
            }
            if (holding >= slaves) {
                best = offset;
            }
        }
        return best;
    }

    /** Tells the senders new bytes were appended, so replication does not wait for their next poll. */
    public void wakeSenders() {
        for (HaConnection c : connections) {
            c.wakeSender();
        }
    }

    /** SYNC_MASTER: completes once a slave acknowledged every byte below {@code end}. */
    public CompletableFuture<ReplicaOutcome> replicated(long end) {
        CompletableFuture<ReplicaOutcome> f = waiters.await(end, quorumAcked(), log.writeOffset());
        if (!f.isDone()) {
            wakeSenders();
            // an acknowledgement may have arrived between reading the offset and registering the waiter
            waiters.acknowledged(quorumAcked());
        }
        return f;
    }

    /** The offset {@code slavesToWait} slaves acknowledged (inSyncReplicas - 1 of them, at least one). */
    private long quorumAcked() {
        return ackedByAtLeast(settings.slavesToWait());
    }

    /** Called by a connection's reader on each acknowledgement. */
    void acknowledged() {
        waiters.acknowledged(quorumAcked());
    }

    /** Called by a connection when it closed. */
    void closed(HaConnection connection) {
        connections.remove(connection);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel channel = server.accept();
                HaConnection c = new HaConnection(this, log, settings, channel, connectionIds.incrementAndGet());
                connections.add(c);
                c.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("HA accept failed: {}", e.toString());
                }
            }
        }
    }

    /** Stops accepting, closes every connection and releases every SYNC_MASTER waiter as timed out. */
    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the HA port failed: {}", e.toString());
        }
        if (acceptor != null) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (HaConnection c : connections) {
            c.close();
        }
        waiters.abandon();
    }
}
