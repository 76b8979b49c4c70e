package io.apogee.broker.subscription;

import io.apogee.broker.filter.SqlFilter;
import io.apogee.broker.filter.SqlSyntaxException;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.body.SubscriptionData;
import io.apogee.store.MessageFilter;

/**
 * A consumer group's subscription to one topic, as the broker uses it for filtering pulls.
 *
 * @param topic          subscribed topic
 * @param expression     the client's {@code subString}
 * @param expressionType {@code TAG} or {@code SQL92}
 * @param subVersion     client's version stamp of the subscription (ms)
 * @param filter         the parsed filter ({@link TagFilter} or {@link SqlFilter}); null when the SQL92
 *                       expression does not compile or the type is unknown
 * @param filterError    why {@code filter} is null (names the expression's problem and position), else null
 */
public record Subscription(String topic, String expression, String expressionType, long subVersion,
                           MessageFilter filter, String filterError) {

    /**
     * Builds from a heartbeat or pull; a malformed TAG expression is an IllegalArgumentException, while a
     * malformed SQL92 expression or unknown type is kept with its {@link #filterError} (so pulls can say why).
     */
    public static Subscription of(String topic, String expression, String expressionType, long subVersion) {
        String type = expressionType == null || expressionType.isEmpty()
                ? SubscriptionData.EXPRESSION_TAG : expressionType;
        if (isTag(type)) {
            return new Subscription(topic, expression, type, subVersion, TagFilter.parse(expression), null);
        }
        if (!SubscriptionData.EXPRESSION_SQL92.equalsIgnoreCase(type)) {
            return new Subscription(topic, expression, type, subVersion, null,
                    "unknown expressionType " + ClientText.of(type) + " (expected TAG or SQL92)");
        }
        try {
            return new Subscription(topic, expression, type, subVersion, SqlFilter.compile(expression), null);
        } catch (SqlSyntaxException e) {
            return new Subscription(topic, expression, type, subVersion, null, e.getMessage());
        }
    }

    /** Builds from heartbeat data. */
    public static Subscription of(SubscriptionData data) {
        return of(data.topic, data.subString, data.expressionType, data.subVersion);
    }

    public boolean isTagType() {
        return filter instanceof TagFilter;
    }

    private static boolean isTag(String type) {
        return SubscriptionData.EXPRESSION_TAG.equalsIgnoreCase(type);
    }

    /** Back to the wire form (for admin answers such as consumer connections). */
    public SubscriptionData toData() {
        SubscriptionData data = new SubscriptionData(topic, expression, subVersion);
        data.expressionType = expressionType;
        if (filter instanceof TagFilter tags && !tags.isAll()) {
            for (String tag : tags.toString().split(" \\|\\| ")) {
                data.tagsSet.add(tag);
                data.codeSet.add(tag.hashCode());
            }
        }
        return data;
    }
}
