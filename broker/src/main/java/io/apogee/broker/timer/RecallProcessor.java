package io.apogee.broker.timer;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.message.MessageProperties;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingServer;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.MessageDraft;
import io.apogee.store.MessageStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Serves RECALL_MESSAGE (370, docs/protocol/16-timers-trace-reply-pop.md §1): request header {@code topic},
 * {@code recallHandle}, {@code producerGroup} (optional), {@code bname}; answer SUCCESS with header {@code msgId}
 * (the recalled message's UNIQ_KEY). Refusals, each naming what is wrong: recall switched off
 * ({@code recallMessageEnable}) or the timer wheel off → NO_PERMISSION (16); a slave → SLAVE_NOT_AVAILABLE (11);
 * unknown topic → TOPIC_NOT_EXIST (17); a handle that does not decode, is for another topic or broker, or whose
 * delivery time is not in the future (or beyond {@code timerMaxDelaySec}) → ILLEGAL_OPERATION (604).
 *
 * <p>The recall itself is a marker stored like a timer message for the same millisecond: topic
 * {@code rmq_sys_wheel_timer} queue 0, body {@code "0"}, properties {@code TIMER_OUT_MS}, {@code REAL_TOPIC},
 * {@code REAL_QID=0}, {@code TIMER_DEL_UNIQKEY=<uniqKey>} and {@code PGROUP}. It is durable and replicated like
 * the timer, and the wheel drops the message of that topic and key when their second comes. As in Apache, a handle of
 * a message that does not exist (or was already delivered) is answered SUCCESS: the marker simply matches nothing.
 *
 * <p>Thread-safe: immutable settings and thread-safe collaborators; runs on the I/O thread (the put never blocks).
 */
public final class RecallProcessor implements RequestProcessor {

    private static final byte[] BODY = "0".getBytes(StandardCharsets.UTF_8);

    private final BrokerConfig config;
    private final boolean slave;
    private final long maxDelayMillis;
    private final MessageStore store;
    private final TopicTable topics;
    private final InetSocketAddress storeHost;
    private final LongSupplier clock;

    /** {@code maxDelayMillis} 0: the timer wheel is off. */
    public RecallProcessor(BrokerConfig config, boolean slave, long maxDelayMillis, MessageStore store,
                           TopicTable topics, InetSocketAddress storeHost, LongSupplier clock) {
        this.config = config;
        this.slave = slave;
        this.maxDelayMillis = maxDelayMillis;
        this.store = store;
        this.topics = topics;
        this.storeHost = storeHost;
        this.clock = clock;
    }

    public void registerWith(RemotingServer server) {
        server.registerProcessor(RequestCode.RECALL_MESSAGE, this, Runnable::run);
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        String text = request.requireExt("recallHandle");
        Optional<RemotingCommand> refused = refusal(topic);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<RecallHandle> decoded = RecallHandle.decode(text);
        if (decoded.isEmpty()) {
            return illegal("recall handle is invalid: '" + ClientText.of(text) + "'");
        }
        RecallHandle handle = decoded.get();
        if (!handle.topic().equals(topic)) {
            return illegal("recall failed, topic not match: the handle is for topic " + ClientText.of(handle.topic())
                    + ", the request for " + topic);
        }
        if (!handle.brokerName().equals(config.brokerName)) {
            return illegal("recall failed, the handle is for broker " + ClientText.of(handle.brokerName())
                    + ", this is broker " + config.brokerName);
        }
        long now = clock.getAsLong();
        long left = handle.deliverMs() - now;
        if (left <= 0 || left > maxDelayMillis) {
            return illegal("recall failed, timestamp invalid: the message " + handle.uniqKey() + " is due at "
                    + handle.deliverMs() + ", now is " + now + " (only pending timers can be recalled)");
        }
        MessageDraft marker = marker(channel, handle, request.ext("producerGroup"), now);
        store.put(marker).whenComplete((result, error) -> channel.reply(request, error == null && result.isStored()
                ? RemotingCommand.success().putExt("msgId", handle.uniqKey())
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "recall failed, execute error: "
                        + (error != null ? error.toString() : result.status() + " " + result.reason()))));
        return null;
    }

    private Optional<RemotingCommand> refusal(String topic) {
        if (!config.recallMessageEnable || maxDelayMillis <= 0) {
            return Optional.of(RemotingCommand.response(ResponseCode.NO_PERMISSION, "recall failed, operation is "
                    + "forbidden: recallMessageEnable=" + config.recallMessageEnable + ", timer wheel "
                    + (maxDelayMillis > 0 ? "on" : "off (timerWheelEnable=false)")));
        }
        if (slave) {
            return Optional.of(RemotingCommand.response(ResponseCode.SLAVE_NOT_AVAILABLE, "recall failed, broker "
                    + config.brokerName + " is a slave; recall on its master"));
        }
        if (topics.find(topic) == null) {
            return Optional.of(RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, "recall failed, the topic["
                    + topic + "] not exist on broker " + config.brokerName));
        }
        return Optional.empty();
    }

    private MessageDraft marker(RemoteChannel channel, RecallHandle handle, String producerGroup, long now) {
        MessageDraft d = new MessageDraft();
        d.topic = SystemTopics.WHEEL_TIMER;
        d.queueId = 0;
        d.body = BODY;
        StringBuilder props = new StringBuilder(128);
        MessageProperties.append(props, MessageProperties.TIMER_OUT_MS, Long.toString(handle.deliverMs()));
        MessageProperties.append(props, MessageProperties.REAL_TOPIC, handle.topic());
        MessageProperties.append(props, MessageProperties.REAL_QID, "0");
        MessageProperties.append(props, MessageProperties.TIMER_DEL_UNIQKEY, handle.uniqKey());
        if (producerGroup != null && !producerGroup.isEmpty()) {
            MessageProperties.append(props, MessageProperties.PRODUCER_GROUP, producerGroup);
        }
        d.setProperties(props.toString());
        d.bornTimestamp = now;
        d.bornHost = channel.remoteSocketAddress();
        d.storeHost = storeHost;
        return d;
    }

    private static RemotingCommand illegal(String remark) {
        return RemotingCommand.response(ResponseCode.ILLEGAL_OPERATION, remark);
    }
}
