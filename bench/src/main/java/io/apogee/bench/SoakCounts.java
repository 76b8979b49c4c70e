package io.apogee.bench;

/**
 * The findings of a soak verification for one cycle or for all cycles so far: acknowledged sends, acknowledged
 * keys not found in the topic (lost), stored messages whose body is not the one their key implies or that have
 * no soak key, plus unreadable queue entries (corrupt), and keys stored more than once (duplicated).
 *
 * <p>Thread-safe: immutable.
 */
record SoakCounts(long acked, long lost, long corrupt, long duplicated) {

    /**
     * True if nothing was lost, corrupt or stored twice (the producer does not retry, so a duplicate is the
     * broker's doing).
     */
    boolean intact() {
        return lost == 0 && corrupt == 0 && duplicated == 0;
    }

    /** Puts the four figures as {@code <prefix>.acked} etc. */
    void report(String prefix, BenchReport report) {
        report.put(prefix + ".acked", acked).put(prefix + ".lost", lost).put(prefix + ".corrupt", corrupt)
                .put(prefix + ".duplicated", duplicated);
    }
}
