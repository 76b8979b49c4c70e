package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/**
 * One consumer group of a {@link HeartbeatData}:
 * {@code {"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"G",
 * "messageModel":"CLUSTERING","subscriptionDataSet":[SubscriptionData...],"unitMode":false}}.
 * consumeType is CONSUME_PASSIVELY (push), CONSUME_ACTIVELY (pull, lite pull) or CONSUME_POP;
 * messageModel is CLUSTERING or BROADCASTING.
 */
public final class ConsumerData {
    public static final String CLUSTERING = "CLUSTERING";
    public static final String BROADCASTING = "BROADCASTING";

    public String groupName;
    public String consumeType;
    public String messageModel;
    public String consumeFromWhere;
    public List<SubscriptionData> subscriptionDataSet = new ArrayList<>();
    public boolean unitMode;
}
