package io.apogee.broker.transaction;

import io.apogee.broker.client.ClientTable;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.stats.BrokerStats;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.store.MessageStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The broker's transaction side, wired from its parts: the {@link TransactionBook} (half / op topics, settled
 * transactions), the END_TRANSACTION processor and the {@link TransactionCheckService}. Half messages
 * themselves are parked by the send path ({@link HalfParking}).
 *
 * <p>Use: construct, {@link #registerWith} the broker's server, {@link #start()}, {@link #close()}.
 * Thread-safe: every part is; {@link #start()} and {@link #close()} are delegated to the check service, whose
 * own methods are synchronized.
 */
public final class Transactions implements Lifecycle {

    private final TransactionBook book;
    private final EndTransactionProcessor endProcessor;
    private final TransactionCheckService checkService;

    /** The parts count what they store (commits, op records, check copies) into {@code stats}. */
    public Transactions(BrokerConfig config, Path configDir, MessageStore store, TopicTable topics,
                        ClientTable clients, InetSocketAddress storeHost, BrokerStats stats) {
        this.book = new TransactionBook(store, topics, storeHost, stats);
        this.endProcessor = new EndTransactionProcessor(config, store, topics, book, storeHost, stats);
        this.checkService = new TransactionCheckService(config, configDir, store, topics, book, clients, storeHost,
                stats);
    }

    /** Registers END_TRANSACTION on the server's worker pool (it waits for the store). */
    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.END_TRANSACTION, endProcessor);
    }

    /** Loads the check offset and settled transactions, starts checking. */
    @Override
    public void start() {
        checkService.start();
    }

    public TransactionBook book() {
        return book;
    }

    public TransactionCheckService checkService() {
        return checkService;
    }

    @Override
    public void close() {
        checkService.close();
    }
}
