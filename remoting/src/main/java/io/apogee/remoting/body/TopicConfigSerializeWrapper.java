package io.apogee.remoting.body;

import java.util.HashMap;
import java.util.Map;

/** A broker's topic table with its version, inside {@link RegisterBrokerBody}. */
public final class TopicConfigSerializeWrapper {
    public Map<String, TopicConfig> topicConfigTable = new HashMap<>();
    public DataVersion dataVersion = new DataVersion();
}
