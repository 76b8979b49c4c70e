package io.apogee.remoting.body;

import java.util.HashMap;
import java.util.Map;

/**
 * A topic's configuration as it travels in REGISTER_BROKER bodies and GET_TOPIC_CONFIG answers and as it is
 * kept in {@code config/topics.json}:
 * {@code {"attributes":{},"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG",
 * "topicName":"T","topicSysFlag":0,"writeQueueNums":4}}. Perm bits: 4 read, 2 write, 1 inherit.
 */
public final class TopicConfig {
    public static final int PERM_INHERIT = 1;
    public static final int PERM_WRITE = 2;
    public static final int PERM_READ = 4;

    public String topicName;
    public int readQueueNums;
    public int writeQueueNums;
    public int perm = PERM_READ | PERM_WRITE;
    public String topicFilterType = "SINGLE_TAG";
    public int topicSysFlag;
    public boolean order;
    public Map<String, String> attributes = new HashMap<>();

    public TopicConfig() {
    }

    public TopicConfig(String topicName, int queueNums, int perm) {
        this.topicName = topicName;
        this.readQueueNums = queueNums;
        this.writeQueueNums = queueNums;
        this.perm = perm;
    }

    public boolean isReadable() {
        return (perm & PERM_READ) != 0;
    }

    public boolean isWritable() {
        return (perm & PERM_WRITE) != 0;
    }

    public TopicConfig copy() {
        TopicConfig c = new TopicConfig(topicName, 0, perm);
        c.readQueueNums = readQueueNums;
        c.writeQueueNums = writeQueueNums;
        c.topicFilterType = topicFilterType;
        c.topicSysFlag = topicSysFlag;
        c.order = order;
        c.attributes = new HashMap<>(attributes);
        return c;
    }
}
