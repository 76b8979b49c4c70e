package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of REGISTER_BROKER (103), uncompressed form:
 * {@code {"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{...},"topicConfigTable":{...}}}}.
 */
public final class RegisterBrokerBody {
    public TopicConfigSerializeWrapper topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
    public List<String> filterServerList = new ArrayList<>();
}
