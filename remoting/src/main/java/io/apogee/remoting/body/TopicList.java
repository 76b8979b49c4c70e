package io.apogee.remoting.body;

import java.util.Set;
import java.util.TreeSet;

/** {@code {"topicList":["A","B"]}}: answer of GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206). */
public final class TopicList {
    public Set<String> topicList = new TreeSet<>();
    public String brokerAddr;
}
