package io.apogee.console.dlq;

import java.util.List;

/**
 * A snapshot of one replay for its page: how many of {@code total} dead letters are done and how many of those
 * worked, whether it still runs, a problem that ended it early, and the outcomes kept (the first
 * {@value ReplayJob#KEPT_OUTCOMES}).
 *
 * <p>Immutable.
 */
public record ReplayProgress(long id, String group, int rate, long total, long done, long ok, boolean running,
                             String problem, List<Outcome> outcomes) {

    public long failed() {
        return done - ok;
    }

    /** "running", "stopped" (ended before all were done) or "done". */
    public String state() {
        if (running) {
            return "running";
        }
        return done < total ? "stopped" : "done";
    }

    /** Whether more outcomes happened than are kept. */
    public boolean outcomesCut() {
        return done > outcomes.size();
    }

    /** The replay's page. */
    public String link() {
        return DlqGroup.path(group) + "/replays/" + id;
    }

    /** The fragment the page polls while the replay runs. */
    public String fragmentLink() {
        return link() + "/progress";
    }

    /** The summary sentence of a finished replay, as the audit log records it. */
    public String summary() {
        return "Replay #" + id + " of " + DlqGroup.PREFIX + group + " " + state() + ": " + ok + " of " + total
                + " sent to %RETRY%" + group + ", " + failed() + " failed" + (problem.isEmpty() ? "" : "; " + problem)
                + ".";
    }
}
