package io.apogee.broker.assignment;

import io.apogee.remoting.body.MessageQueueBody;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queues one client of a clustering group is given, as Apache RocketMQ 5.4.0's {@code QueryAssignmentProcessor}
 * computes them (docs/protocol/16-timers-trace-reply-pop.md §4). Null means "no assignment" (the client keeps what
 * it has): a blank client id, or no queues for PULL.
 * <ul>
 *   <li>PULL: the strategy's share.</li>
 *   <li>POP with {@code popShareQueueNum <= 0} or {@code >= clients - 1}: one queue per broker with queue id -1
 *       (the client pops all of that broker's queues; the broker picks).</li>
 *   <li>POP otherwise, at most as many clients as queues: the client's own share plus the shares of the next
 *       {@code popShareQueueNum} clients (wrapping).</li>
 *   <li>POP otherwise, more clients than queues: the one queue {@code queues[index % queues]}.</li>
 * </ul>
 *
 * <p>Stateless, hence thread-safe.
 */
final class QueueAssignment {

    private QueueAssignment() {
    }

    /** PULL: the strategy's share of {@code clientId}, or null when nothing can be assigned. */
    static Set<MessageQueueBody> forPull(AllocationStrategy strategy, String clientId, List<MessageQueueBody> queues,
                                         List<String> clients) {
        if (clientId == null || clientId.isBlank() || queues.isEmpty() || clients.isEmpty()) {
            return null;
        }
        return new LinkedHashSet<>(strategy.allocate(clientId, queues, clients));
    }

    /** POP with {@code popShareQueueNum}: the queues of {@code clientId}, or null when nothing can be assigned. */
    static Set<MessageQueueBody> forPop(AllocationStrategy strategy, String clientId, List<MessageQueueBody> queues,
                                        List<String> clients, int popShareQueueNum) {
        Set<MessageQueueBody> mine = new LinkedHashSet<>();
        if (popShareQueueNum <= 0 || popShareQueueNum >= clients.size() - 1) {
            for (MessageQueueBody q : queues) {
                mine.add(new MessageQueueBody(q.topic, q.brokerName, -1));
            }
            return mine;
        }
        if (clientId == null || clientId.isBlank() || queues.isEmpty()) {
            return null;
        }
        int index = clients.indexOf(clientId);
        if (clients.size() <= queues.size()) {
            mine.addAll(strategy.allocate(clientId, queues, clients));
            for (int i = 1; index >= 0 && i <= popShareQueueNum; i++) {
                mine.addAll(strategy.allocate(clients.get((index + i) % clients.size()), queues, clients));
            }
        } else if (index >= 0) {
            mine.add(queues.get(index % queues.size()));
        }
        return mine;
    }

    /** A copy of {@code queues} as a set (server load balancing off, broadcasting). */
    static Set<MessageQueueBody> all(List<MessageQueueBody> queues) {
        return new LinkedHashSet<>(queues);
    }
}
