package io.apogee.remoting.body;

import java.util.List;
import java.util.Map;

/**
 * Answer body of QUERY_ASSIGNMENT (400): the client's queues and how to read each.
 * <pre>{"messageQueueAssignments":[{"messageQueue":{"brokerName":"broker-a","queueId":0,"topic":"T"},"mode":"PULL"}]}
 * </pre>
 * A missing {@code messageQueueAssignments} ({@code {}}) tells the client to keep what it has (the broker could not
 * assign: unknown route, unknown group or strategy); an empty list to drop every queue of the topic. A POP queue
 * with {@code queueId} -1 stands for every queue of that broker (docs/protocol/16-timers-trace-reply-pop.md §4).
 *
 * <p>Not thread-safe: built on one thread, then encoded.
 */
public final class QueryAssignmentResponseBody {

    /** One assigned queue. {@code attachments} is never written by Apogee (Apache leaves it null too). */
    public static final class MessageQueueAssignment {
        public MessageQueueBody messageQueue;
        public MessageRequestMode mode = MessageRequestMode.PULL;
        public Map<String, String> attachments;

        public MessageQueueAssignment() {
        }

        public MessageQueueAssignment(MessageQueueBody messageQueue, MessageRequestMode mode) {
            this.messageQueue = messageQueue;
            this.mode = mode;
        }
    }

    /** Null: no assignment (the client skips the update). */
    public List<MessageQueueAssignment> messageQueueAssignments;
}
