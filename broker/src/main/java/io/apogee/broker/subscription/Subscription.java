package io.apogee.broker.subscription;

import io.apogee.remoting.body.SubscriptionData;

/**
 * A consumer group's subscription to one topic, as the broker uses it for filtering pulls.
 *
 * @param topic          subscribed topic
 * @param expression     the client's {@code subString}
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param subVersion     client's version stamp of the subscription (ms)
 * @param filter         the parsed TAG filter; null for a non-TAG expression (not supported yet)
 */
public record Subscription(String topic, String expression, String expressionType, long subVersion,
                           TagFilter filter) {

    /** Builds from a heartbeat or pull; a malformed TAG expression is an IllegalArgumentException. */
    public static Subscription of(String topic, String expression, String expressionType, long subVersion) {
        String type = expressionType == null || expressionType.isEmpty()
                ? SubscriptionData.EXPRESSION_TAG : expressionType;
        TagFilter filter = isTag(type) ? TagFilter.parse(expression) : null;
        return new Subscription(topic, expression, type, subVersion, filter);
    }

    /** Builds from heartbeat data. */
    public static Subscription of(SubscriptionData data) {
        return of(data.topic, data.subString, data.expressionType, data.subVersion);
    }

    public boolean isTagType() {
        return filter != null;
    }

    private static boolean isTag(String type) {
        return SubscriptionData.EXPRESSION_TAG.equalsIgnoreCase(type);
    }

    /** Back to the wire form (for admin answers such as consumer connections). */
    public SubscriptionData toData() {
        SubscriptionData data = new SubscriptionData(topic, expression, subVersion);
        data.expressionType = expressionType;
        if (filter != null && !filter.isAll()) {
            for (String tag : filter.toString().split(" \\|\\| ")) {
                data.tagsSet.add(tag);
                data.codeSet.add(tag.hashCode());
            }
        }
        return data;
    }
}
