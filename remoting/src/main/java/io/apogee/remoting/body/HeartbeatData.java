package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of HEART_BEAT (34), client to broker:
 * {@code {"clientID":"ip@pid#nano","consumerDataSet":[ConsumerData...],"heartbeatFingerprint":0,
 * "producerDataSet":[{"groupName":"G"}],"withoutSub":false}}. {@code heartbeatFingerprint} and
 * {@code withoutSub} are sent by 5.4.0 only; {@code withoutSub=true} (heartbeat V2) means the subscription
 * sets are intentionally empty and the broker keeps the ones it has. See docs/protocol/08-json-bodies.md §3.
 */
public final class HeartbeatData {
    public String clientID;
    public List<ProducerData> producerDataSet = new ArrayList<>();
    public List<ConsumerData> consumerDataSet = new ArrayList<>();
    public int heartbeatFingerprint;
    public boolean withoutSub;
}
