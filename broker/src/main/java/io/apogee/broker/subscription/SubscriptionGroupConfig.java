package io.apogee.broker.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of one consumer group, as kept in {@code subscriptionGroup.json} and as RocketMQ admin tools
 * send them: {@code {"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,
 * "consumeFromMinEnable":false,"consumeMessageOrderly":false,"groupName":"G","groupSysFlag":0,
 * "notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,
 * "whichBrokerWhenConsumeSlowly":1, ...}}. Public fields are the JSON keys. The 5.x keys Apogee does not act on
 * ({@code groupRetryPolicy}, an object such as {@code {"type":"CUSTOMIZED","customizedRetryPolicy":{...}}}, and
 * {@code subscriptionDataSet}, an array of {@code {"topic":..,"expressionType":..,"expression":..}}) are kept as
 * given, so an admin reads back what it wrote.
 *
 * <p>Instances held by {@link SubscriptionGroupTable} are never modified after being put there (a change
 * replaces the instance), so they may be read from any thread.
 */
public final class SubscriptionGroupConfig {
    public String groupName;
    public boolean consumeEnable = true;
    public boolean consumeFromMinEnable;
    public boolean consumeBroadcastEnable = true;
    public boolean consumeMessageOrderly;
    public int retryQueueNums = 1;
    public int retryMaxTimes = 16;
    public long brokerId;
    public long whichBrokerWhenConsumeSlowly = 1;
    public boolean notifyConsumerIdsChangedEnable = true;
    public int groupSysFlag;
    public int consumeTimeoutMinute = 15;
    public Map<String, String> attributes = new HashMap<>();
    public JsonNode groupRetryPolicy;
    public JsonNode subscriptionDataSet;

    public SubscriptionGroupConfig() {
    }

    /** A config with the defaults RocketMQ gives an auto-created group. */
    public SubscriptionGroupConfig(String groupName) {
        this.groupName = groupName;
    }
}
