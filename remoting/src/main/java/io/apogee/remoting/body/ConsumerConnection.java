package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answer body of GET_CONSUMER_CONNECTION_LIST (203): the live members of a consumer group and what the group
 * told the broker in its heartbeats (docs/protocol/08-json-bodies.md §7):
 * <pre>{"connectionSet":[Connection...],"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET",
 *  "consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 *  "subscriptionTable":{"TopicA":SubscriptionData,"%RETRY%G":SubscriptionData}}</pre>
 * {@code connectionSet} is a JSON array (a Java set in Apache's class).
 */
public final class ConsumerConnection {
    public List<Connection> connectionSet = new ArrayList<>();
    public Map<String, SubscriptionData> subscriptionTable = new TreeMap<>();
    public String consumeType;
    public String messageModel;
    public String consumeFromWhere;
}
