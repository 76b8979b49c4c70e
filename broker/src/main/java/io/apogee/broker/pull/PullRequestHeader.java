package io.apogee.broker.pull;

import io.apogee.remoting.RemotingCommand;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ext fields of a PULL_MESSAGE (11) / LITE_PULL_MESSAGE (361) request (see
 * docs/protocol/14-header-reference.md). {@code sysFlag} bits: 0x1 commit offset present, 0x2 suspend allowed,
 * 0x4 subscription in this request, 0x8 class filter, 0x10 lite pull. A missing {@code maxMsgBytes} means no byte
 * limit.
 */
public record PullRequestHeader(String consumerGroup, String topic, int queueId, long queueOffset, int maxMsgNums,
                                int sysFlag, long commitOffset, long suspendTimeoutMillis, String subscription,
                                long subVersion, String expressionType, int maxMsgBytes) {

    public static final int FLAG_COMMIT_OFFSET = 0x1;
    public static final int FLAG_SUSPEND = 0x2;
    public static final int FLAG_SUBSCRIPTION = 0x4;
    /** The ext fields {@link #from} reads: all a parked request keeps. */
    private static final List<String> FIELDS = List.of("consumerGroup", "topic", "queueId", "queueOffset",
            "maxMsgNums", "sysFlag", "commitOffset", "suspendTimeoutMillis", "subscription", "subVersion",
            "expressionType", "maxMsgBytes");

    /** Reads the header; a missing or malformed required field is a MissingHeaderException naming it. */
    public static PullRequestHeader from(RemotingCommand request) {
        return new PullRequestHeader(
                request.requireExt("consumerGroup"),
                request.requireExt("topic"),
                request.requireExtInt("queueId"),
                request.requireExtLong("queueOffset"),
                request.requireExtInt("maxMsgNums"),
                request.requireExtInt("sysFlag"),
                request.extLong("commitOffset", 0),
                request.extLong("suspendTimeoutMillis", 0),
                request.ext("subscription"),
                request.extLong("subVersion", 0),
                request.ext("expressionType"),
                request.extInt("maxMsgBytes", Integer.MAX_VALUE));
    }

    /**
     * A copy of a pull request that keeps only what re-running and answering it needs: the code, opaque, flag,
     * serialization and the ext fields of this header; whatever else the client sent (other ext fields, the
     * remark, a body) is dropped, so a parked request holds no more than its pull header.
     */
    public static RemotingCommand trimmed(RemotingCommand request) {
        Map<String, String> kept = new HashMap<>(FIELDS.size() * 2);
        for (String field : FIELDS) {
            String value = request.ext(field);
            if (value != null) {
                kept.put(field, value);
            }
        }
        return RemotingCommand.request(request.code()).opaque(request.opaque()).flag(request.flag())
                .serializeType(request.serializeType()).language(request.language()).version(request.version())
                .extFields(kept);
    }

    /** Characters in the ext fields of a request (keys and values): what parking it costs, roughly. */
    public static int extChars(RemotingCommand request) {
        int n = 0;
        for (Map.Entry<String, String> e : request.extFields().entrySet()) {
            n += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
        }
        return n;
    }

    public boolean hasCommitOffset() {
        return (sysFlag & FLAG_COMMIT_OFFSET) != 0;
    }

    public boolean hasSuspend() {
        return (sysFlag & FLAG_SUSPEND) != 0;
    }

    public boolean hasSubscription() {
        return (sysFlag & FLAG_SUBSCRIPTION) != 0;
    }
}
