package io.apogee.tools.message;

/**
 * One queue of a topic on one broker group, as the clients name it. {@link #toString()} is the clients' text
 * ({@code MessageQueue [topic=T, brokerName=b, queueId=0]}), which mqadmin prints.
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {

    @Override
    public int compareTo(MessageQueue other) {
        int byTopic = topic.compareTo(other.topic);
        if (byTopic != 0) {
            return byTopic;
        }
        int byBroker = brokerName.compareTo(other.brokerName);
        return byBroker != 0 ? byBroker : Integer.compare(queueId, other.queueId);
    }

    @Override
    public String toString() {
        return "MessageQueue [topic=" + topic + ", brokerName=" + brokerName + ", queueId=" + queueId + "]";
    }
}
