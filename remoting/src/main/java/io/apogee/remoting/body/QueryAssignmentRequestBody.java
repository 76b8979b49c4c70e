package io.apogee.remoting.body;

/**
 * Request body of QUERY_ASSIGNMENT (400), sent by a 5.x push consumer with {@code clientRebalance=false} at each
 * rebalance, once per subscribed topic:
 * <pre>{"clientId":"10.0.0.1@123","consumerGroup":"G","messageModel":"CLUSTERING","strategyName":"AVG",
 *  "topic":"T"}</pre>
 * {@code messageModel} is CLUSTERING or BROADCASTING; {@code strategyName} the name of the client's allocation
 * strategy (AVG, AVG_BY_CIRCLE, ...).
 *
 * <p>Not thread-safe: decoded on one thread, then only read.
 */
public final class QueryAssignmentRequestBody {
    public String topic;
    public String consumerGroup;
    public String clientId;
    public String strategyName;
    public String messageModel;
}
