package io.apogee.broker.reply;

import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.consumer.ConsumeSideFixture;
import io.apogee.broker.send.SendProcessor;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.body.HeartbeatData;
import io.apogee.remoting.body.ProducerData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A broker's send and reply paths on real parts: the {@link ConsumeSideFixture} (store in a temp dir, topic table
 * with the built-in {@code DefaultCluster_REPLY_TOPIC}, client table fed by HEART_BEAT, a remoting server on an
 * ephemeral port) plus {@link SendProcessor} and {@link ReplyProcessor} registered as the broker registers them.
 * Clients connect over real sockets: a requester heartbeats as a producer and answers PUSH_REPLY_MESSAGE_TO_CLIENT,
 * a replier sends SEND_REPLY_MESSAGE(_V2).
 */
final class ReplyFixture implements AutoCloseable {

    static final String REPLY_TOPIC = SystemTopics.replyTopic("DefaultCluster");

    final ConsumeSideFixture side;

    ReplyFixture(Path dir, boolean storeReplies) throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.listenPort = 0;
        config.storeReplyMessageEnable = storeReplies;
        side = new ConsumeSideFixture(dir, config);
        BrokerAddress address = new BrokerAddress("127.0.0.1", side.server.port());
        SendProcessor send = new SendProcessor(config, side.storeConfig, side.store, side.topics, address);
        send.registerWith(side.server);
        ReplyProcessor.registerWith(side.server, config, send, side.consumeSide.clients(), address.toString());
    }

    /** A client that heartbeated as producer {@code clientId}. */
    RemotingClient requester(String clientId) throws Exception {
        RemotingClient client = side.newClient(clientId);
        HeartbeatData data = new HeartbeatData();
        data.clientID = clientId;
        data.producerDataSet.add(new ProducerData("requester-group"));
        side.call(client, RemotingCommand.request(RequestCode.HEART_BEAT).body(JsonCodec.encode(data)));
        return client;
    }

    RemotingClient newClient(String name) {
        return side.newClient(name);
    }

    RemotingCommand call(RemotingClient client, RemotingCommand request) throws Exception {
        return side.call(client, request);
    }

    /** Replies stored in the reply topic's one queue. */
    long storedReplies() {
        return side.store.maxOffsetInQueue(REPLY_TOPIC, 0);
    }

    /**
     * A reply as client 5.4.0 sends it: SEND_REPLY_MESSAGE_V2 with one-letter keys to queue 0 of the reply topic,
     * properties as {@code MessageUtil.createReplyMessage} sets them (no REPLY_TO_CLIENT when {@code requester}
     * is null).
     */
    static RemotingCommand reply(String requester, String body) {
        return RemotingCommand.request(RequestCode.SEND_REPLY_MESSAGE_V2)
                .putExt("a", "replier-group").putExt("b", REPLY_TOPIC).putExt("c", "TBW102").putExt("d", 4)
                .putExt("e", 0).putExt("f", 0).putExt("g", 1_700_000_000_000L).putExt("h", 0)
                .putExt("i", properties(requester)).putExt("j", 0).putExt("k", false).putExt("m", false)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static String properties(String requester) {
        String props = "MSG_TYPE\u0001reply\u0002CORRELATION_ID\u0001corr-1\u0002TTL\u00013000\u0002"
                + "UNIQ_KEY\u0001AC11000100002A9F0000000000000001\u0002";
        return requester == null ? props : props + "REPLY_TO_CLIENT\u0001" + requester + "\u0002";
    }

    @Override
    public void close() {
        side.close();
    }
}
