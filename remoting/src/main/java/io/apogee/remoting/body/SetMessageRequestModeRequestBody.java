package io.apogee.remoting.body;

/**
 * Request body of SET_MESSAGE_REQUEST_MODE (401), and one entry of a broker's {@code messageRequestMode.json}:
 * <pre>{"consumerGroup":"G","mode":"POP","popShareQueueNum":0,"topic":"T"}</pre>
 * {@code mode} defaults to PULL and {@code popShareQueueNum} to 0 when absent, as in Apache RocketMQ 5.4.0.
 * {@code popShareQueueNum}: a POP consumer also pops the queues assigned to the next N clients of the group
 * (0 or at least clients-1: every client pops every queue).
 *
 * <p>Not thread-safe: a value decoded or built on one thread, then only read.
 */
public final class SetMessageRequestModeRequestBody {
    public String topic;
    public String consumerGroup;
    public MessageRequestMode mode = MessageRequestMode.PULL;
    public int popShareQueueNum;

    public SetMessageRequestModeRequestBody() {
    }

    public SetMessageRequestModeRequestBody(String topic, String consumerGroup, MessageRequestMode mode,
                                            int popShareQueueNum) {
        this.topic = topic;
        this.consumerGroup = consumerGroup;
        this.mode = mode;
        this.popShareQueueNum = popShareQueueNum;
    }
}
