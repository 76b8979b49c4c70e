package io.apogee.broker.pull;

import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.store.MessageFilter;

/**
 * A pull request parked by long (or short) polling, waiting for a message at or beyond {@code offset} of its
 * queue or for its deadline.
 *
 * @param channel        where to reply
 * @param request        the original request, re-run on wake-up
 * @param topic          requested topic
 * @param queueId        requested queue
 * @param offset         requested queue offset
 * @param deadlineMillis wall-clock time after which it is re-run anyway
 * @param filter         the pull's filter, to skip waking for messages it would not return
 * @param wakeOnArrival  false for short polling (only the deadline wakes it)
 * @param replay         re-runs the request and replies
 */
public record HeldPull(RemoteChannel channel, RemotingCommand request, String topic, int queueId, long offset,
                       long deadlineMillis, MessageFilter filter, boolean wakeOnArrival, PullReplay replay) {

    /** Re-runs a held pull (without suspending again) and sends the answer. */
    @FunctionalInterface
    public interface PullReplay {
        void replay(HeldPull pull);
    }
}
