package io.apogee.remoting.body;

import java.util.Objects;

/**
 * A message queue as it appears inside JSON bodies: {@code {"brokerName":"broker-a","queueId":3,"topic":"T"}}.
 * Equal when all three fields are equal, so it can be a set member or map key.
 */
public final class MessageQueueBody {
    public String topic;
    public String brokerName;
    public int queueId;

    public MessageQueueBody() {
    }

    public MessageQueueBody(String topic, String brokerName, int queueId) {
        this.topic = topic;
        this.brokerName = brokerName;
        this.queueId = queueId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageQueueBody other && queueId == other.queueId
                && Objects.equals(topic, other.topic) && Objects.equals(brokerName, other.brokerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, brokerName, queueId);
    }

    @Override
    public String toString() {
        return topic + "/" + brokerName + "/" + queueId;
    }
}
