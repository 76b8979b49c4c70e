package io.apogee.tools.cli.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.tools.message.MessageQueue;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocateMqCommandTest {

    private static final List<MessageQueue> EIGHT = IntStream.range(0, 8)
            .mapToObj(i -> new MessageQueue("T", "b", i)).toList();

    @Test
    void shouldGiveTheFirstConsumersOneQueueMoreWhenQueuesDoNotDivideEvenly() {
        List<String> consumers = List.of("c1", "c2", "c3");

        assertThat(AllocateMqCommand.averagely(EIGHT, consumers, 0)).extracting(MessageQueue::queueId)
                .containsExactly(0, 1, 2);
        assertThat(AllocateMqCommand.averagely(EIGHT, consumers, 1)).extracting(MessageQueue::queueId)
                .containsExactly(3, 4, 5);
        assertThat(AllocateMqCommand.averagely(EIGHT, consumers, 2)).extracting(MessageQueue::queueId)
                .containsExactly(6, 7);
    }

    @Test
    void shouldLeaveConsumersBeyondTheQueueCountWithoutQueues() {
        List<MessageQueue> two = EIGHT.subList(0, 2);
        List<String> consumers = List.of("a", "b", "c");

        assertThat(AllocateMqCommand.averagely(two, consumers, 1)).extracting(MessageQueue::queueId)
                .containsExactly(1);
        assertThat(AllocateMqCommand.averagely(two, consumers, 2)).isEmpty();
    }

    @Test
    void shouldParseAttributesAsTheHeaderCarriesThem() {
        assertThat(UpdateTopicCommand.attributes("+message.type=NORMAL, +k=v"))
                .containsEntry("+message.type", "NORMAL").containsEntry("+k", "v");
    }
}
