package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Answer of QUERY_CONSUME_QUEUE (321), {@code mqadmin queryCq}:
 * {@code {"filterData":..,"maxQueueIndex":10,"minQueueIndex":0,"queueData":[ConsumeQueueData...],
 * "subscriptionData":{...}}}. {@code subscriptionData} and {@code filterData} are set only when the request named
 * a consumer group: the group's subscription of the topic, or a {@code filterData} text saying it is not online.
 *
 * <p>A plain data holder; not thread-safe.
 */
public final class QueryConsumeQueueResponseBody {
    public SubscriptionData subscriptionData;
    public String filterData;
    public List<ConsumeQueueData> queueData = new ArrayList<>();
    public long maxQueueIndex;
    public long minQueueIndex;
}
