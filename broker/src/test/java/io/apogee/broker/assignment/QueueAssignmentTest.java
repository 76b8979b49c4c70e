package io.apogee.broker.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.body.MessageQueueBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueueAssignmentTest {

    private static List<MessageQueueBody> queues(String broker, int count) {
        return IntStream.range(0, count).mapToObj(i -> new MessageQueueBody("T", broker, i)).toList();
    }

    private static List<Integer> ids(Set<MessageQueueBody> queues) {
        return queues.stream().map(q -> q.queueId).toList();
    }

    @Test
    void shouldSplitAveragelyGivingTheFirstClientsTheRemainder() {
        List<MessageQueueBody> all = queues("b", 5);
        List<String> clients = List.of("c0", "c1");

        assertThat(ids(QueueAssignment.forPull(AllocationStrategy.AVG, "c0", all, clients))).containsExactly(0, 1, 2);
        assertThat(ids(QueueAssignment.forPull(AllocationStrategy.AVG, "c1", all, clients))).containsExactly(3, 4);
    }

    @Test
    void shouldSplitByCircle() {
        List<MessageQueueBody> all = queues("b", 5);
        List<String> clients = List.of("c0", "c1");

        assertThat(ids(QueueAssignment.forPull(AllocationStrategy.AVG_BY_CIRCLE, "c0", all, clients)))
                .containsExactly(0, 2, 4);
        assertThat(ids(QueueAssignment.forPull(AllocationStrategy.AVG_BY_CIRCLE, "c1", all, clients)))
                .containsExactly(1, 3);
    }

    @Test
    void shouldGiveOneQueueToEachOfTheFirstClientsWhenThereAreMoreClientsThanQueues() {
        List<MessageQueueBody> all = queues("b", 2);
        List<String> clients = List.of("c0", "c1", "c2");

        assertThat(ids(QueueAssignment.forPull(AllocationStrategy.AVG, "c1", all, clients))).containsExactly(1);
        assertThat(QueueAssignment.forPull(AllocationStrategy.AVG, "c2", all, clients)).isEmpty();
    }

    @Test
    void shouldGiveNothingToAnUnknownClientAndNoAssignmentWithoutQueuesOrClientId() {
        List<MessageQueueBody> all = queues("b", 4);

        assertThat(QueueAssignment.forPull(AllocationStrategy.AVG, "stranger", all, List.of("c0"))).isEmpty();
        assertThat(QueueAssignment.forPull(AllocationStrategy.AVG, "c0", List.of(), List.of("c0"))).isNull();
        assertThat(QueueAssignment.forPull(AllocationStrategy.AVG, "", all, List.of("c0"))).isNull();
    }

    @Test
    void shouldPopEveryBrokerWithQueueIdMinusOneWhenSharingAll() {
        List<MessageQueueBody> all = new ArrayList<>(queues("a", 4));
        all.addAll(queues("b", 2));
        List<String> clients = List.of("c0", "c1", "c2");

        for (int share : new int[] {-1, 0, 2, 5}) {
            assertThat(QueueAssignment.forPop(AllocationStrategy.AVG, "c0", all, clients, share))
                    .as("popShareQueueNum %d", share)
                    .containsExactly(new MessageQueueBody("T", "a", -1), new MessageQueueBody("T", "b", -1));
        }
    }

    @Test
    void shouldPopTheOwnShareAndTheNextClientsSharesWithASmallShareNumber() {
        List<MessageQueueBody> all = queues("b", 4);
        List<String> clients = List.of("c0", "c1", "c2");

        // AVG of 4 queues over 3 clients: c0 {0,1}, c1 {2}, c2 {3}
        assertThat(ids(QueueAssignment.forPop(AllocationStrategy.AVG, "c0", all, clients, 1))).containsExactly(0, 1, 2);
        assertThat(ids(QueueAssignment.forPop(AllocationStrategy.AVG, "c2", all, clients, 1))).containsExactly(3, 0, 1);
    }

    @Test
    void shouldPopOneQueueEachWhenClientsOutnumberQueuesWithASmallShareNumber() {
        List<MessageQueueBody> all = queues("b", 2);
        List<String> clients = List.of("c0", "c1", "c2", "c3");

        assertThat(ids(QueueAssignment.forPop(AllocationStrategy.AVG, "c2", all, clients, 1))).containsExactly(0);
        assertThat(ids(QueueAssignment.forPop(AllocationStrategy.AVG, "c3", all, clients, 1))).containsExactly(1);
    }

    @Test
    void shouldKnowOnlyTheTwoStrategyNames() {
        assertThat(AllocationStrategy.named("AVG")).contains(AllocationStrategy.AVG);
        assertThat(AllocationStrategy.named("AVG_BY_CIRCLE")).contains(AllocationStrategy.AVG_BY_CIRCLE);
        assertThat(AllocationStrategy.named("CONSISTENT_HASH")).isEmpty();
        assertThat(AllocationStrategy.named(null)).isEmpty();
    }
}
