package io.apogee.broker.assignment;

import io.apogee.remoting.body.MessageQueueBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The queue allocation strategies QUERY_ASSIGNMENT knows, by the name the client sends ({@code strategyName}),
 * dividing the sorted queues among the sorted client ids of a group as the 5.4.0 client's strategies of the same
 * name do (docs/protocol/16-timers-trace-reply-pop.md §4):
 * <ul>
 *   <li>{@code AVG}: consecutive blocks, the first {@code queues % clients} clients one queue more;</li>
 *   <li>{@code AVG_BY_CIRCLE}: queue i to client {@code i % clients}.</li>
 * </ul>
 * A client id not among the clients gets nothing. Callers pass non-empty lists and a non-blank client id.
 *
 * <p>Immutable, hence thread-safe.
 */
enum AllocationStrategy {

    AVG("AVG") {
        @Override
        List<MessageQueueBody> allocate(String clientId, List<MessageQueueBody> queues, List<String> clients) {
            int index = clients.indexOf(clientId);
            if (index < 0) {
                return new ArrayList<>();
            }
            int mod = queues.size() % clients.size();
            int size = queues.size() <= clients.size() ? 1
                    : queues.size() / clients.size() + (mod > 0 && index < mod ? 1 : 0);
            int start = mod > 0 && index < mod ? index * size : index * size + mod;
            int range = Math.min(size, queues.size() - start);
            List<MessageQueueBody> mine = new ArrayList<>();
            for (int i = 0; i < range; i++) {
                mine.add(queues.get(start + i));
            }
            return mine;
        }
    },
    AVG_BY_CIRCLE("AVG_BY_CIRCLE") {
        @Override
        List<MessageQueueBody> allocate(String clientId, List<MessageQueueBody> queues, List<String> clients) {
            int index = clients.indexOf(clientId);
            List<MessageQueueBody> mine = new ArrayList<>();
            if (index < 0) {
                return mine;
            }
            for (int i = index; i < queues.size(); i += clients.size()) {
                mine.add(queues.get(i));
            }
            return mine;
        }
    };

    private final String wireName;

    AllocationStrategy(String wireName) {
        this.wireName = wireName;
    }

    /** The strategy the client named, if the broker knows it. */
    static Optional<AllocationStrategy> named(String name) {
        for (AllocationStrategy s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The queues of {@code clientId}, in queue order. */
    abstract List<MessageQueueBody> allocate(String clientId, List<MessageQueueBody> queues, List<String> clients);
}
