package io.apogee.tools.cli.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.body.MessageQueueBody;
import io.apogee.tools.admin.AdminException;
import io.apogee.tools.admin.QueueKeyedJson;
import io.apogee.tools.cli.QueueRows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A consumer's running info (the ConsumerRunningInfo JSON a client answers to GET_CONSUMER_RUNNING_INFO 307) as
 * Apache's tools print it: {@link #format} is {@code ConsumerRunningInfo.formatString()} (properties, subscription,
 * offsets, process queues, POP queues, RT and TPS, user info, jstack), {@link #subscriptionDiffers} and
 * {@link #stalledQueues} the checks {@code consumerStatus} runs over a group's clients.
 *
 * <p>Stateless, hence thread-safe.
 */
final class RunningInfoText {

    /** Apache compares subscriptions only once a push consumer has run this long (rebalance has settled). */
    private static final long SETTLED_MILLIS = 2 * 60 * 1000;
    /** A non-orderly queue with cached messages and no consumption for this long is reported as blocked. */
    private static final long BLOCKED_MILLIS = 60 * 1000;
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneId.systemDefault());

    private RunningInfoText() {
    }

    /** Apache's {@code formatString()} of one client's running info. */
    static String format(JsonNode info) throws AdminException {
        StringBuilder sb = new StringBuilder("#Consumer Properties#\n");
        info.path("properties").properties().forEach(p ->
                sb.append(String.format("%-40s: %s%n", p.getKey(), p.getValue().asText())));
        sb.append("\n\n#Consumer Subscription#\n");
        int i = 0;
        for (JsonNode sub : info.path("subscriptionSet")) {
            sb.append(String.format("%03d Topic: %-40s ClassFilter: %-8s SubExpression: %s%n", ++i,
                    sub.path("topic").asText(), sub.path("classFilterMode").asBoolean(),
                    sub.path("subString").asText()));
        }
        Map<MessageQueueBody, JsonNode> queues = queues(info, "mqTable");
        sb.append("\n\n#Consumer Offset#\n");
        sb.append(String.format("%-64s  %-32s  %-4s  %-20s%n", "#Topic", "#Broker Name", "#QID", "#Consumer Offset"));
        queues.forEach((q, pq) -> sb.append(String.format("%-32s  %-32s  %-4d  %-20d%n", q.topic, q.brokerName,
                q.queueId, pq.path("commitOffset").asLong())));
        sb.append("\n\n#Consumer MQ Detail#\n");
        sb.append(String.format("%-64s  %-32s  %-4s  %-20s%n", "#Topic", "#Broker Name", "#QID", "#ProcessQueueInfo"));
        queues.forEach((q, pq) -> sb.append(String.format("%-64s  %-32s  %-4d  %s%n", q.topic, q.brokerName,
                q.queueId, processQueue(pq))));
        sb.append("\n\n#Consumer Pop Detail#\n");
        sb.append(String.format("%-32s  %-32s  %-4s  %-20s%n", "#Topic", "#Broker Name", "#QID", "#ProcessQueueInfo"));
        queues(info, "mqPopTable").forEach((q, pq) -> sb.append(String.format("%-32s  %-32s  %-4d  %s%n", q.topic,
                q.brokerName, q.queueId, "PopProcessQueueInfo [waitAckCount:" + pq.path("waitAckCount").asInt()
                        + ", droped:" + pq.path("droped").asBoolean() + ", lastPopTimestamp:"
                        + pq.path("lastPopTimestamp").asLong() + "]")));
        appendRates(sb, info.path("statusTable"));
        appendTail(sb, info);
        return sb.toString();
    }

    private static void appendRates(StringBuilder sb, JsonNode statusTable) {
        sb.append("\n\n#Consumer RT&TPS#\n");
        sb.append(String.format("%-64s  %14s %14s %14s %14s %18s %25s%n", "#Topic", "#Pull RT", "#Pull TPS",
                "#Consume RT", "#ConsumeOK TPS", "#ConsumeFailed TPS", "#ConsumeFailedMsgsInHour"));
        statusTable.properties().forEach(e -> {
            JsonNode s = e.getValue();
            sb.append(String.format("%-32s  %14.2f %14.2f %14.2f %14.2f %18.2f %25d%n", e.getKey(),
                    s.path("pullRT").asDouble(), s.path("pullTPS").asDouble(), s.path("consumeRT").asDouble(),
                    s.path("consumeOKTPS").asDouble(), s.path("consumeFailedTPS").asDouble(),
                    s.path("consumeFailedMsgs").asLong()));
        });
    }

    private static void appendTail(StringBuilder sb, JsonNode info) {
        JsonNode user = info.get("userConsumerInfo");
        if (user != null && user.isObject()) {
            sb.append("\n\n#User Consume Info#\n");
            user.properties().forEach(e -> sb.append(String.format("%-40s: %s%n", e.getKey(), e.getValue().asText())));
        }
        JsonNode jstack = info.get("jstack");
        if (jstack != null && !jstack.isNull()) {
            sb.append("\n\n#Consumer jstack#\n").append(jstack.asText());
        }
    }

    private static String processQueue(JsonNode pq) {
        return "ProcessQueueInfo [commitOffset=" + pq.path("commitOffset").asLong()
                + ", cachedMsgMinOffset=" + pq.path("cachedMsgMinOffset").asLong()
                + ", cachedMsgMaxOffset=" + pq.path("cachedMsgMaxOffset").asLong()
                + ", cachedMsgCount=" + pq.path("cachedMsgCount").asInt()
                + ", cachedMsgSizeInMiB=" + pq.path("cachedMsgSizeInMiB").asInt()
                + ", transactionMsgMinOffset=" + pq.path("transactionMsgMinOffset").asLong()
                + ", transactionMsgMaxOffset=" + pq.path("transactionMsgMaxOffset").asLong()
                + ", transactionMsgCount=" + pq.path("transactionMsgCount").asInt()
                + ", locked=" + pq.path("locked").asBoolean() + ", tryUnlockTimes=" + pq.path("tryUnlockTimes").asLong()
                + ", lastLockTimestamp=" + human(pq.path("lastLockTimestamp").asLong())
                + ", droped=" + pq.path("droped").asBoolean()
                + ", lastPullTimestamp=" + human(pq.path("lastPullTimestamp").asLong())
                + ", lastConsumeTimestamp=" + human(pq.path("lastConsumeTimestamp").asLong()) + "]";
    }

    private static String human(long millis) {
        return HUMAN.format(Instant.ofEpochMilli(millis));
    }

    private static Map<MessageQueueBody, JsonNode> queues(JsonNode info, String field) throws AdminException {
        return QueueRows.sorted(QueueKeyedJson.queueMap(info.get(field), JsonNode.class));
    }

    private static boolean isPush(JsonNode info) {
        return "CONSUME_PASSIVELY".equals(info.path("properties").path("PROP_CONSUME_TYPE").asText());
    }

    /**
     * Whether push clients that have run for a while (two minutes, as Apache) subscribe differently from the first
     * one: Apache's {@code analyzeSubscription}, negated.
     */
    static boolean subscriptionDiffers(Map<String, JsonNode> infos, long nowMillis) {
        JsonNode first = infos.values().iterator().next();
        long started = first.path("properties").path("PROP_CONSUMER_START_TIMESTAMP").asLong(nowMillis);
        if (!isPush(first) || nowMillis - started <= SETTLED_MILLIS) {
            return false;
        }
        return infos.values().stream().anyMatch(info -> !subscriptionKey(info).equals(subscriptionKey(first)));
    }

    private static String subscriptionKey(JsonNode info) {
        StringBuilder key = new StringBuilder();
        info.path("subscriptionSet").forEach(sub -> key.append(sub.path("topic").asText()).append('\u0001')
                .append(sub.path("subString").asText()).append('\u0002'));
        return key.toString();
    }

    /**
     * Apache's {@code analyzeProcessQueue}: for a push client, the queues an orderly consumer cannot lock, or a
     * concurrent consumer holds messages of without consuming for a minute; one line each.
     */
    static String stalledQueues(String clientId, JsonNode info, long nowMillis) throws AdminException {
        if (!isPush(info)) {
            return "";
        }
        boolean orderly = info.path("properties").path("PROP_CONSUMEORDERLY").asBoolean();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<MessageQueueBody, JsonNode> e : queues(info, "mqTable").entrySet()) {
            JsonNode pq = e.getValue();
            String queue = "MessageQueue [topic=" + e.getKey().topic + ", brokerName=" + e.getKey().brokerName
                    + ", queueId=" + e.getKey().queueId + "]";
            if (orderly && !pq.path("locked").asBoolean()) {
                sb.append(String.format("%s %s can't lock for a while, %dms%n", clientId, queue,
                        nowMillis - pq.path("lastLockTimestamp").asLong()));
            } else if (orderly && pq.path("droped").asBoolean() && pq.path("tryUnlockTimes").asLong() > 0) {
                sb.append(String.format("%s %s unlock %d times, still failed%n", clientId, queue,
                        pq.path("tryUnlockTimes").asLong()));
            } else if (!orderly && nowMillis - pq.path("lastConsumeTimestamp").asLong() > BLOCKED_MILLIS
                    && pq.path("cachedMsgCount").asInt() > 0) {
                sb.append(String.format("%s %s can't consume for a while, maybe blocked, %dms%n", clientId, queue,
                        nowMillis - pq.path("lastConsumeTimestamp").asLong()));
            }
        }
        return sb.toString();
    }
}
