package io.apogee.remoting.body;

import java.util.Map;
import java.util.TreeMap;

/**
 * Answer body of GET_ALL_CONSUMER_OFFSET (43), every committed consumer offset of the broker, the shape of
 * {@code consumerOffset.json}: {@code {"offsetTable":{"TopicA@G":{"0":5,"1":7}}}} ("topic@group" → queue id →
 * next offset to consume; queue ids are written as JSON strings, which both Apache versions read)
 * (docs/protocol/08-json-bodies.md §6).
 */
public final class ConsumerOffsetSerializeWrapper {
    public Map<String, Map<Integer, Long>> offsetTable = new TreeMap<>();
}
