package io.apogee.remoting.body;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One topic subscription of a {@link ConsumerData}:
 * {@code {"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA",
 * "subVersion":1795311452884,"tagsSet":["TagA"],"topic":"TopicA"}}. {@code codeSet} holds
 * {@code String.hashCode()} of each tag; {@code subString} is {@code *}, {@code TagA || TagB} or, with
 * expressionType SQL92, an SQL expression. {@code subVersion} is the client's time of subscribing (ms).
 */
public final class SubscriptionData {
    public static final String EXPRESSION_TAG = "TAG";
    public static final String EXPRESSION_SQL92 = "SQL92";

    public String topic;
    public String subString;
    public Set<String> tagsSet = new LinkedHashSet<>();
    public Set<Integer> codeSet = new LinkedHashSet<>();
    public long subVersion;
    public String expressionType = EXPRESSION_TAG;
    public boolean classFilterMode;

    public SubscriptionData() {
    }

    public SubscriptionData(String topic, String subString, long subVersion) {
        this.topic = topic;
        this.subString = subString;
        this.subVersion = subVersion;
    }
}
