package io.apogee.remoting.body;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code {"table":{"key":"value",...}}}: RocketMQ's KVTable, the answer of GET_BROKER_RUNTIME_INFO (28), which
 * {@code mqadmin brokerStatus} prints one {@code key: value} line per entry.
 */
public final class KeyValueTable {
    public Map<String, String> table = new TreeMap<>();

    /** Adds one entry; returns this. */
    public KeyValueTable put(String key, Object value) {
        table.put(key, String.valueOf(value));
        return this;
    }
}
