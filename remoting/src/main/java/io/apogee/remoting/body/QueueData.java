package io.apogee.remoting.body;

/** One broker's queues of a topic inside {@link TopicRouteData}. */
public final class QueueData {
    public String brokerName;
    public int readQueueNums;
    public int writeQueueNums;
    public int perm;
    public int topicSysFlag;

    public QueueData() {
    }

    public QueueData(String brokerName, TopicConfig config) {
        this.brokerName = brokerName;
        this.readQueueNums = config.readQueueNums;
        this.writeQueueNums = config.writeQueueNums;
        this.perm = config.perm;
        this.topicSysFlag = config.topicSysFlag;
    }
}
