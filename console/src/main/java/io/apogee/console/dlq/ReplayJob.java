package io.apogee.console.dlq;

import io.apogee.tools.admin.AdminClient;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.MessageOperations;
import io.apogee.tools.admin.PullReply;
import io.apogee.tools.message.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay of dead letters back to their group's retry topic: reads the chosen queue spans of
 * {@code %DLQ%<group>} in order (pulls of at most {@value #PULL_BATCH}), sends each dead letter's copy at the paced
 * rate ({@link Pacer}, {@link ReplaySender}) and records each outcome. Offsets no longer stored count as failed.
 * Runs on its own daemon thread; an interrupt stops it after the current message.
 *
 * <p>Thread-safe: the replay thread writes the counters and outcomes under this object's lock, page requests take
 * {@link #progress()} snapshots under it.
 */
public final class ReplayJob implements Runnable {

    /** Outcomes kept for the page; beyond these only the counts grow. */
    public static final int KEPT_OUTCOMES = 1000;
    private static final int PULL_BATCH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ReplayJob.class);

    private final long id;
    private final String group;
    private final List<QueueSpan> spans;
    private final int rate;
    private final long total;
    private final AdminClient admin;
    private final Consumer<String> onEnd;
    private final List<Outcome> outcomes = new ArrayList<>();
    private long done;
    private long ok;
    private boolean running = true;
    private String problem = "";

    ReplayJob(long id, String group, List<QueueSpan> spans, int rate, AdminClient admin, Consumer<String> onEnd) {
        this.id = id;
        this.group = group;
        this.spans = List.copyOf(spans);
        this.rate = rate;
        this.total = spans.stream().mapToLong(QueueSpan::size).sum();
        this.admin = admin;
        this.onEnd = onEnd;
    }

    public long id() {
        return id;
    }

    public String group() {
        return group;
    }

    public long total() {
        return total;
    }

    public synchronized ReplayProgress progress() {
        return new ReplayProgress(id, group, rate, total, done, ok, running, problem, List.copyOf(outcomes));
    }

    @Override
    public void run() {
        try {
            Pacer pacer = new Pacer(rate);
            ReplaySender sender = new ReplaySender(admin, group);
            for (QueueSpan span : spans) {
                if (!replay(span, pacer, sender)) {
                    end("stopped before the end");
                    return;
                }
            }
            end("");
        } catch (Throwable t) { // the replay thread's boundary: whatever broke ends the replay, visibly
            LOG.warn("Replay #{} of {}{} failed", id, DlqGroup.PREFIX, group, t);
            end("it broke off: " + t);
        }
    }

    /** Replays one span; false when the thread was interrupted. */
    private boolean replay(QueueSpan span, Pacer pacer, ReplaySender sender) {
        long offset = span.from();
        while (offset < span.to()) {
            List<MessageRecord> records;
            try {
                records = read(span, offset);
            } catch (AdminException e) {
                missing(span, offset, span.to(), "could not be read: " + e.getMessage());
                return true;
            }
            if (records.isEmpty()) {
                missing(span, offset, span.to(), "no longer stored");
                return true;
            }
            for (MessageRecord r : records) {
                missing(span, offset, r.queueOffset(), "no longer stored");
                if (!pacer.acquire()) {
                    return false;
                }
                record(sender.send(span, r), 1);
                offset = r.queueOffset() + 1;
            }
        }
        return true;
    }

    /** The records of the span from {@code offset} on, in offset order. */
    private List<MessageRecord> read(QueueSpan span, long offset) throws AdminException {
        int count = (int) Math.min(PULL_BATCH, span.to() - offset);
        PullReply reply = admin.messages().pull(span.addr(), MessageOperations.TOOLS_CONSUMER_GROUP, span.queue(),
                "*", offset, count);
        return reply.records().stream().filter(r -> r.queueOffset() >= offset && r.queueOffset() < span.to())
                .toList();
    }

    /** Counts offsets {@code [from, to)} of the span as failed, with one outcome for them. */
    private void missing(QueueSpan span, long from, long to, String why) {
        if (to <= from) {
            return;
        }
        String position = new Position(span.queue().brokerName(), span.queue().queueId(), from).key();
        String what = to - from == 1 ? "The dead letter " : "The " + (to - from) + " dead letters from here on ";
        record(Outcome.failed(position, "", "", what + why), to - from);
    }

    private synchronized void record(Outcome outcome, long count) {
        done += count;
        ok += outcome.ok() ? count : 0;
        if (outcomes.size() < KEPT_OUTCOMES) {
            outcomes.add(outcome);
        }
    }

    private void end(String why) {
        ReplayProgress end;
        synchronized (this) {
            running = false;
            problem = why;
            end = progress();
        }
        LOG.info("{}", end.summary());
        onEnd.accept(end.summary());
    }
}
