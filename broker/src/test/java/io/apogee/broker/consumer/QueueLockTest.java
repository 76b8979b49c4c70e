package io.apogee.broker.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.LockBatchRequestBody;
import io.apogee.remoting.body.LockBatchResponseBody;
import io.apogee.remoting.body.MessageQueueBody;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueLockTest extends ConsumeSideTest {

    private static final MessageQueueBody Q0 = new MessageQueueBody("TopicA", "broker-a", 0);
    private static final MessageQueueBody Q1 = new MessageQueueBody("TopicA", "broker-a", 1);

    private RemotingCommand send(int code, String clientId, MessageQueueBody... queues) throws Exception {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.clientId = clientId;
        body.consumerGroup = "G1";
        body.mqSet.addAll(Set.of(queues));
        return broker.call(client, RemotingCommand.request(code).body(JsonCodec.encode(body)));
    }

    private Set<MessageQueueBody> lock(String clientId, MessageQueueBody... queues) throws Exception {
        RemotingCommand response = send(RequestCode.LOCK_BATCH_MQ, clientId, queues);
        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        return JsonCodec.decode(response.body(), LockBatchResponseBody.class).lockOKMQSet;
    }

    @Test
    void shouldGrantFreeQueuesAndRefuseQueuesHeldByOthers() throws Exception {
        assertThat(lock("A", Q0)).containsExactly(Q0);

        assertThat(lock("B", Q0, Q1)).containsExactly(Q1);
        assertThat(lock("A", Q0)).containsExactly(Q0);
    }

    @Test
    void shouldFreeQueueOnUnlockByItsOwner() throws Exception {
        lock("A", Q0);

        assertThat(send(RequestCode.UNLOCK_BATCH_MQ, "B", Q0).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(lock("B", Q0)).isEmpty();
        send(RequestCode.UNLOCK_BATCH_MQ, "A", Q0);
        assertThat(lock("B", Q0)).containsExactly(Q0);
    }

    @Test
    void shouldWriteLockAnswerWithRocketMqKeys() throws Exception {
        RemotingCommand response = send(RequestCode.LOCK_BATCH_MQ, "A", Q0);

        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"lockOKMQSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"TopicA\"}]}");
    }
}
