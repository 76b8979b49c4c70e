package io.apogee.broker.pull;

import io.apogee.remoting.RemotingCommand;

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
