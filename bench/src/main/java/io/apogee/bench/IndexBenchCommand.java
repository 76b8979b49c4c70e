package io.apogee.bench;

import io.apogee.store.index.IndexHits;
import io.apogee.store.index.MessageIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code index}: the message index on its own, without a broker. Adds {@code --keys} records with one key each
 * ({@code KEYS=key-<i>}, commit-log offsets 200 bytes apart, ten records per millisecond) into index files in a
 * directory, forces them, then looks up the newest key {@code --lookups} times, once with maxNum 1 (stops at the
 * first match) and once with maxNum 32 (Apache's cap for a unique-key query: every file's chain is walked), plus
 * an old key. Prints {@link BenchReport} lines: {@code index.keys.per.s}, per look-up kind the latency
 * percentiles ({@code *.p50.us} ...) and the slots and entries read ({@code *.reads}), and the index size
 * ({@code index.files}, {@code index.bytes.apparent}, {@code index.bytes.allocated}) and the heap allocated while
 * adding ({@code index.add.allocated.bytes.per.key}: the dispatcher's indexing path allocates nothing per record).
 *
 * <p>Run: {@code bin/apogee bench index --keys 20000000 [--dir DIR]} (the default 100 million keys need about 2.5
 * GB of disk and half a minute). Not thread-safe: one invocation per instance.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Indexes N keys into message-index files and times the look-up of the newest key.")
final class IndexBenchCommand implements Callable<Integer> {

    private static final String TOPIC = "BenchIndexTopic";
    private static final long T0 = 1_700_000_000_000L;

    @Option(names = "--keys", defaultValue = "100000000", description = "Keys to index (default ${DEFAULT-VALUE}).")
    long keys;

    @Option(names = "--slots", defaultValue = "5000000", description = "maxHashSlotNum (default ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--entries", defaultValue = "20000000", description = "maxIndexNum (default ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--lookups", defaultValue = "10000", description = "Look-ups per kind (default ${DEFAULT-VALUE}).")
    int lookups;

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the index files (default: a temp "
            + "directory, deleted afterwards).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (keys < 1 || lookups < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--keys and --lookups must be at least 1");
        }
        boolean temp = dir == null;
        Path where = temp ? Files.createTempDirectory("apogee-index-bench") : Files.createDirectories(dir);
        BenchReport report = new BenchReport().put("scenario", "index").put("keys", keys);
        MessageIndex index = new MessageIndex(where, true, slots, entries, 0, Clock.systemUTC());
        try {
            index.load();
            fill(index, report);
            lookUp(index, "newest.max1", "key-" + (keys - 1), 1, report);
            lookUp(index, "newest.max32", "key-" + (keys - 1), 32, report);
            lookUp(index, "oldest.max1", "key-0", 1, report);
            report.put("index.files", index.fileCount()).put("index.bytes.apparent", index.sizeOnDisk())
                    .put("index.bytes.allocated", index.allocatedBytes());
        } finally {
            index.close();
            if (temp) {
                delete(where);
            }
        }
        report.print(spec.commandLine().getOut());
        return 0;
    }

    private void fill(MessageIndex index, BenchReport report) {
        byte[] topic = TOPIC.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer record = ByteBuffer.allocate(256);
        record.put(0, topic);
        int propsAt = topic.length;
        byte[] prefix = "KEYS\u0001key-".getBytes(StandardCharsets.US_ASCII);
        record.put(propsAt, prefix);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (long i = 0; i < keys; i++) {
            int len = prefix.length + writeDigits(record, propsAt + prefix.length, i);
            index.add(record, 0, topic.length, propsAt, len, i * 200, T0 + i / 10);
        }
        long addNanos = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long flushStart = System.nanoTime();
        index.flush(0);
        report.put("index.keys.per.s", keys * 1e9 / addNanos)
                .put("index.add.seconds", addNanos / 1e9)
                .put("index.add.allocated.bytes.per.key", (double) allocated / keys)
                .put("index.flush.seconds", (System.nanoTime() - flushStart) / 1e9);
    }

    /** Writes {@code n} in decimal at {@code at}; answers the number of digits. */
    private static int writeDigits(ByteBuffer buf, int at, long n) {
        int digits = n == 0 ? 1 : (int) Math.floor(Math.log10(n)) + 1;
        long v = n;
        for (int i = digits - 1; i >= 0; i--) {
            buf.put(at + i, (byte) ('0' + v % 10));
            v /= 10;
        }
        return digits;
    }

    private void lookUp(MessageIndex index, String name, String key, int maxNum, BenchReport report) {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        int reads = 0;
        int found = 0;
        for (int i = 0; i < lookups; i++) {
            long t = System.nanoTime();
            IndexHits hits = index.query(TOPIC, key, false, maxNum, 0, Long.MAX_VALUE, offset -> true);
            latency.recordValue(System.nanoTime() - t);
            reads = hits.reads();
            found = hits.offsets().size();
        }
        String p = "lookup." + name;
        report.put(p + ".found", found).put(p + ".reads", reads)
                .put(p + ".p50.us", latency.getValueAtPercentile(50) / 1e3)
                .put(p + ".p99.us", latency.getValueAtPercentile(99) / 1e3)
                .put(p + ".p99.9.us", latency.getValueAtPercentile(99.9) / 1e3)
                .put(p + ".max.us", latency.getMaxValue() / 1e3);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
