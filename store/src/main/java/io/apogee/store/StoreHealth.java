package io.apogee.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What is wrong with the store right now, as flags a broker can show (stats, console) and tests can check: the
 * commit log hit a write fault, the dispatcher stopped at an invalid record, recovery skipped a damaged region.
 * The disk-full state is not kept here: it is transient and answered on every refused put.
 *
 * <p>Thread-safe: a copy-on-write list; problems are added rarely and read by anyone.
 */
public final class StoreHealth {

    private static final int MAX_PROBLEMS = 100;

    private final List<String> problems = new CopyOnWriteArrayList<>();

    /** Records a problem (kept until the store restarts; at most the first {@value #MAX_PROBLEMS}). */
    void report(String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** True when nothing has gone wrong since the store started. */
    public boolean isHealthy() {
        return problems.isEmpty();
    }

    /** The problems seen since start, oldest first. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
