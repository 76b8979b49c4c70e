package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answer of GET_ROUTEINFO_BY_TOPIC (105). Lists are always present, even when empty. */
public final class TopicRouteData {
    public String orderTopicConf;
    public List<QueueData> queueDatas = new ArrayList<>();
    public List<BrokerData> brokerDatas = new ArrayList<>();
    public Map<String, List<String>> filterServerTable = new HashMap<>();
}
