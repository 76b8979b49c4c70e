package io.apogee.broker.assignment;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.SystemTopics;
import io.apogee.common.io.ConfigFile;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.MessageRequestMode;
import io.apogee.remoting.body.SetMessageRequestModeRequestBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request mode (PULL or POP) of each topic and consumer group, as set by SET_MESSAGE_REQUEST_MODE
 * ({@code mqadmin setConsumeMode}), persisted in {@code <configDir>/messageRequestMode.json} in Apache RocketMQ
 * 5.4.0's format (its {@code MessageRequestModeManager}), so either broker can start on the other's directory:
 * <pre>{"messageRequestModeMap":{"TopicA":{"GroupA":{"consumerGroup":"GroupA","mode":"POP","popShareQueueNum":0,
 *   "topic":"TopicA"}}}}</pre>
 * The file is rewritten by the broker's {@link MetadataWriter} thread after each change.
 *
 * <p>The effective mode ({@link #mode}) is the stored one, else PULL for retry topics ({@code %RETRY%...}), else
 * the broker's {@code defaultMessageRequestMode} with {@code defaultPopShareQueueNum}
 * (docs/protocol/16-timers-trace-reply-pop.md §4).
 *
 * <p>Thread-safe: lookups read concurrent maps; changes are serialized on this object; the file content is a
 * snapshot taken on the writer thread.
 */
public final class MessageRequestModes {

    /** On-disk form of the table. */
    public static final class FileForm {
        public Map<String, Map<String, SetMessageRequestModeRequestBody>> messageRequestModeMap = new TreeMap<>();
    }

    private static final Logger LOG = LoggerFactory.getLogger(MessageRequestModes.class);

    /** Name of the file in the broker's config directory. */
    public static final String FILE_NAME = "messageRequestMode.json";

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, SetMessageRequestModeRequestBody>> modes =
            new ConcurrentHashMap<>();
    private final MetadataWriter.File file;
    private final BrokerConfig config;

    /** @param config read at each look-up for {@code defaultMessageRequestMode} and {@code defaultPopShareQueueNum} */
    public MessageRequestModes(Path configDir, BrokerConfig config, MetadataWriter writer) {
        this.config = config;
        this.file = writer.register(new ConfigFile(configDir.resolve(FILE_NAME)), this::fileContent);
    }

    /** Loads the file if it exists; a malformed file is an {@link IllegalStateException} naming it. */
    public synchronized void load() {
        try {
            byte[] content = file.file().readOrNull();
            if (content == null) {
                return;
            }
            FileForm form = JsonCodec.decodeLenient(content, FileForm.class);
            if (form.messageRequestModeMap == null) {
                return;
            }
            form.messageRequestModeMap.forEach((topic, byGroup) -> {
                if (byGroup != null) {
                    byGroup.forEach((group, body) -> {
                        if (body != null) {
                            remember(topic, group, body);
                        }
                    });
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read " + file.file().path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The mode the clients of {@code group} use to read {@code topic}: the stored one, else PULL for a retry topic,
     * else the broker's default. Never null. This is what QUERY_ASSIGNMENT answers; the POP path may consult it.
     */
    public RequestMode mode(String topic, String group) {
        SetMessageRequestModeRequestBody set = stored(topic, group);
        if (set != null) {
            return new RequestMode(set.mode, set.popShareQueueNum, true);
        }
        if (topic != null && SystemTopics.isRetry(topic)) {
            return new RequestMode(MessageRequestMode.PULL, 0, false);
        }
        MessageRequestMode mode = config.defaultMessageRequestMode;
        return new RequestMode(mode, mode == MessageRequestMode.POP ? config.defaultPopShareQueueNum : 0, false);
    }

    /** The stored setting of {@code topic} and {@code group}, or null. */
    private SetMessageRequestModeRequestBody stored(String topic, String group) {
        if (topic == null || group == null) {
            return null;
        }
        Map<String, SetMessageRequestModeRequestBody> byGroup = modes.get(topic);
        return byGroup == null ? null : byGroup.get(group);
    }

    /**
     * Stores the mode of {@code topic} and {@code group} (no checks: SET_MESSAGE_REQUEST_MODE checks first); a
     * null mode is PULL. The future completes once the file holds it.
     */
    public synchronized CompletableFuture<Void> set(String topic, String group, MessageRequestMode mode,
                                                    int popShareQueueNum) {
        remember(topic, group, new SetMessageRequestModeRequestBody(topic, group,
                mode == null ? MessageRequestMode.PULL : mode, popShareQueueNum));
        return file.write();
    }

    /**
     * Slave: takes its master's whole table (metadata sync, GET_ALL_MESSAGE_REQUEST_MODE) and writes the file.
     *
     * @return false, changing nothing, when the table already holds exactly the master's modes
     */
    public synchronized boolean replaceAll(FileForm master) {
        FileForm current = snapshot();
        FileForm copy = new FileForm();
        if (master.messageRequestModeMap != null) {
            master.messageRequestModeMap.forEach((topic, byGroup) -> {
                if (byGroup != null) {
                    Map<String, SetMessageRequestModeRequestBody> groups = new TreeMap<>();
                    byGroup.forEach((group, body) -> {
                        if (body != null) {
                            groups.put(group, new SetMessageRequestModeRequestBody(topic, group,
                                    body.mode == null ? MessageRequestMode.PULL : body.mode, body.popShareQueueNum));
                        }
                    });
                    copy.messageRequestModeMap.put(topic, groups);
                }
            });
        }
        if (JsonCodec.encodeToString(copy).equals(JsonCodec.encodeToString(current))) {
            return false;
        }
        modes.clear();
        copy.messageRequestModeMap.forEach((topic, byGroup) -> byGroup.forEach((group, body) ->
                remember(topic, group, body)));
        file.write().whenComplete((v, error) -> {
            if (error != null) {
                LOG.error("request modes synced from the master are not durable: {}", error.getMessage());
            }
        });
        return true;
    }

    /** The whole table in the file's form (GET_ALL_MESSAGE_REQUEST_MODE answers it). */
    public byte[] encode() {
        return JsonCodec.encodeToString(snapshot()).getBytes(StandardCharsets.UTF_8);
    }

    private void remember(String topic, String group, SetMessageRequestModeRequestBody body) {
        if (body.mode == null) {
            body.mode = MessageRequestMode.PULL;
        }
        body.topic = topic;
        body.consumerGroup = group;
        modes.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).put(group, body);
    }

    /** The file as of now (runs on the writer thread). */
    private byte[] fileContent() {
        return encode();
    }

    /** A copy of the table taken under the monitor. */
    private synchronized FileForm snapshot() {
        FileForm form = new FileForm();
        modes.forEach((topic, byGroup) -> form.messageRequestModeMap.put(topic, new TreeMap<>(byGroup)));
        return form;
    }
}
