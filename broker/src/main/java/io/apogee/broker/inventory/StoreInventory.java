package io.apogee.broker.inventory;

import io.apogee.store.MessageStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a broker finds in its store directory before it opens it, said in the log: how much commit log, consume
 * queue and index there is, which metadata files it reads — and which files it leaves alone because Apogee does not
 * use them: those Apache RocketMQ 5.x writes for features Apogee serves differently or not yet (timer wheel and log:
 * Apogee keeps its own in {@code apogee-timer/}; RocksDB stores, POP and LMQ state, controller epochs;
 * docs/protocol/15-replication.md §6.1). A directory with any of them was written by Apache RocketMQ; Apogee takes
 * it over in place: it serves the commit log, consume queues, index, checkpoint and the five config files, writes
 * them only in their Apache formats, and never touches the ignored files, so Apache RocketMQ can be started on the
 * directory again.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class StoreInventory {

    /** Files and directories of Apache RocketMQ 5.x that Apogee leaves as they are, with what they hold. */
    private static final List<String[]> IGNORED = List.of(
            new String[] {"timerwheel", "5.x timer wheel (Apogee indexes rmq_sys_wheel_timer into apogee-timer/ "
                    + "and delivers the timers still pending)"},
            new String[] {"timerlog", "5.x timer log"},
            new String[] {"rocksdbstore", "5.4.0 RocksDB store (empty unless its RocksDB options were on)"},
            new String[] {"epochFileCheckpoint", "controller-mode epochs"},
            new String[] {"brokerIdentity", "controller-mode broker id"},
            new String[] {"config/timercheck", "5.x timer progress"},
            new String[] {"config/timermetrics", "5.x timer metrics"},
            new String[] {"config/consumerFilter.json", "SQL92 filter cache (rebuilt from heartbeats)"},
            new String[] {"config/consumerOrderInfo.json", "POP orderly state"},
            new String[] {"config/topicQueueMapping.json", "static topic queue mappings"},
            new String[] {"config/transactionMetrics", "transaction metrics"},
            new String[] {"config/lmqConsumerOffset.json", "LMQ offsets"});
    private static final List<String> READ = List.of("config/topics.json", "config/subscriptionGroup.json",
            "config/consumerOffset.json", "config/delayOffset.json", "config/messageRequestMode.json", "checkpoint");

    private StoreInventory() {
    }

    /** The report, one line per finding; empty for a new store. */
    public static List<String> report(MessageStoreConfig config) {
        Path root = Path.of(config.storePathRootDir);
        List<String> lines = new ArrayList<>();
        long logFiles = count(config.commitLogDir());
        if (logFiles == 0) {
            return lines;
        }
        lines.add("store " + root + ": " + logFiles + " commit-log file(s), consume queues of "
                + count(config.consumeQueueDir()) + " topic(s), " + count(config.indexDir()) + " index file(s)"
                + (Files.exists(config.abortPath()) ? "; the last run did not stop cleanly: recovering" : ""));
        List<String> read = READ.stream().filter(f -> Files.exists(root.resolve(f))).toList();
        lines.add("reading " + (read.isEmpty() ? "no metadata files" : String.join(", ", read)));
        for (String[] ignored : IGNORED) {
            if (Files.exists(root.resolve(ignored[0]))) {
                lines.add("leaving " + ignored[0] + " as it is (" + ignored[1] + "; written by Apache RocketMQ)");
            }
        }
        return lines;
    }

    private static long count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
