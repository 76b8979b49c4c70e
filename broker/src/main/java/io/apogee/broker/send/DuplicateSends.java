package io.apogee.broker.send;

import io.apogee.broker.dedup.RecentSends;
import io.apogee.broker.dedup.SentResult;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.store.PutResult;
import java.util.concurrent.CompletableFuture;

/**
 * The send path's side of the {@link RecentSends} window: claims a send before its put, answers a duplicate with
 * the original's response (same msgId, queueId, queueOffset, status and transactionId; statistics count the
 * original only), and tells the window how each claimed put ended.
 *
 * <p>Thread-safe: {@link RecentSends} and {@link SendResponses} are.
 */
final class DuplicateSends {

    /** {@link #claim} answer: the send was a duplicate and is (or will be) answered; do not store it. */
    static final long ANSWERED = RecentSends.DUPLICATE;

    private final RecentSends window;
    private final SendResponses responses;

    DuplicateSends(RecentSends window, SendResponses responses) {
        this.window = window;
        this.responses = responses;
    }

    /**
     * A ticket for {@link #track} / {@link #refused} ({@link RecentSends#UNTRACKED} included), or {@link #ANSWERED}.
     *
     * @param queueId the queueId the response names
     */
    long claim(RemoteChannel channel, RemotingCommand request, SendRequestHeader h, boolean batch, String uniqKey,
               int queueId, String transactionId) {
        while (true) {
            long ticket = window.claim(h.topic, h.reconsumeTimes, batch, uniqKey, queueId);
            if (ticket != RecentSends.DUPLICATE) {
                return ticket;
            }
            CompletableFuture<SentResult> original = window.original(h.topic, h.reconsumeTimes, batch, uniqKey);
            if (original != null) {
                original.whenComplete((o, error) -> channel.reply(request, error != null
                        ? responses.of(null, error, queueId, transactionId, batch)
                        : responses.of(o.put(), null, o.queueId(), transactionId, batch)));
                return ANSWERED;
            }
        }
    }

    /** The put, which tells the window its outcome before anyone else sees it. */
    CompletableFuture<PutResult> track(long ticket, CompletableFuture<PutResult> put) {
        return ticket < 0 ? put : put.whenComplete((result, error) -> window.complete(ticket, result, error));
    }

    /** The error, after forgetting the claimed send: its topic could not be written, so nothing was stored. */
    Throwable refused(long ticket, Throwable error) {
        if (error != null) {
            window.complete(ticket, null, error);
        }
        return error;
    }

    RecentSends window() {
        return window;
    }
}
