package io.apogee.remoting;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes that all connections of one server hold in partially received frames, against a limit
 * ({@link ServerSettings.InboundLimits#bufferBudget()}). Each connection's {@link FrameDecoder} reports what it
 * holds after every read through its {@link Account}; when the total goes over the limit, the connection holding
 * the most is closed (one WARN line naming it and its bytes), then the next, until the total fits again. Without
 * the budget, many peers each stalling in the middle of a large frame exhaust direct memory (80 connections
 * holding 15 MiB each filled 1 GiB).
 *
 * <p>What is counted is the readable bytes of a connection's partial frame; the buffers holding them may be
 * up to twice as large (Netty grows them in powers of two), and one read (at most 64 KiB per connection) may
 * overshoot before it is counted.
 *
 * <p>Thread-safe: the total is an {@link AtomicLong}; each account's share is changed only by compare-and-set, by
 * its own connection's event loop or by whichever thread closes it, and every change moves the total by exactly
 * the difference, so the total is always the sum of the open accounts.
 */
final class InboundBudget {

    private static final Logger LOG = LoggerFactory.getLogger(InboundBudget.class);
    private static final long CLOSED = -1;

    /** No limit: accounts of this budget count nothing. */
    static final InboundBudget UNLIMITED = new InboundBudget("unlimited", 0);

    private final String endpointName;
    private final long limit;
    private final AtomicLong total = new AtomicLong();
    private final Set<Account> accounts = ConcurrentHashMap.newKeySet();

    /** A budget of {@code limit} bytes for the server named {@code endpointName}; 0 means no limit. */
    InboundBudget(String endpointName, long limit) {
        this.endpointName = endpointName;
        this.limit = limit;
    }

    /** An account for one new connection. */
    Account open(Channel channel) {
        Account account = new Account(channel);
        if (limit > 0) {
            accounts.add(account);
        }
        return account;
    }

    /** Bytes held in partial frames by all open accounts. */
    long held() {
        return total.get();
    }

    private void enforce() {
        while (total.get() > limit) {
            Account biggest = null;
            long most = 0;
            for (Account account : accounts) {
                long held = account.held.get();
                if (held > most) {
                    most = held;
                    biggest = account;
                }
            }
            if (biggest == null) {
                return;
            }
            biggest.evict();
        }
    }

    /** What one connection holds. Its owner calls {@link #hold} and {@link #close} on its event loop. */
    final class Account {

        private final Channel channel;
        private final AtomicLong held = new AtomicLong();

        private Account(Channel channel) {
            this.channel = channel;
        }

        /**
         * Records that the connection now holds {@code bytes} of a partial frame; when that takes the total over
         * the limit, closes the biggest holders (possibly this one).
         */
        void hold(long bytes) {
            if (limit == 0) {
                return;
            }
            long before = held.get();
            while (before != CLOSED && before != bytes) {
                if (held.compareAndSet(before, bytes)) {
                    if (total.addAndGet(bytes - before) > limit && bytes > before) {
                        enforce();
                    }
                    return;
                }
                before = held.get();
            }
        }

        /** True once the account is closed, by its owner or by the budget (then the connection is closing). */
        boolean closed() {
            return held.get() == CLOSED;
        }

        /** Gives the account's bytes back; the connection is gone. */
        void close() {
            release();
        }

        private long release() {
            long before = held.getAndSet(CLOSED);
            if (before == CLOSED) {
                return CLOSED;
            }
            total.addAndGet(-before);
            accounts.remove(this);
            return before;
        }

        private void evict() {
            long together = total.get();
            long bytes = release();
            if (bytes == CLOSED) {
                return;
            }
            LOG.warn("{}: closing connection from {}: it holds {} bytes of a partial frame, the most of all "
                    + "connections, which together held {} bytes, over the inbound buffer budget of {} bytes",
                    endpointName, NettyRemoteChannel.format(channel.remoteAddress()), bytes, together, limit);
            channel.close();
        }
    }
}
