package io.apogee.remoting.body;

import java.util.Map;
import java.util.TreeMap;

/**
 * Answer body of GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), every consumer group's settings on the broker:
 * <pre>{"dataVersion":{"counter":3,"stateVersion":0,"timestamp":1700000000000},"forbiddenTable":{},
 *  "subscriptionGroupTable":{"G":{"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,...}}}</pre>
 * The table's values are the broker's group configs (whose public fields are the JSON keys, see the broker's
 * {@code SubscriptionGroupConfig}); {@code forbiddenTable} (5.x, group → topic → forbidden flags) is always
 * empty here. The 4.9.8 admin ignores it (docs/protocol/08-json-bodies.md §6).
 */
public final class SubscriptionGroupWrapper {
    public Map<String, Object> subscriptionGroupTable = new TreeMap<>();
    public Map<String, Map<String, Integer>> forbiddenTable = new TreeMap<>();
    public DataVersion dataVersion = new DataVersion();
}
