package io.apogee.broker.pop;

import io.apogee.remoting.RemotingCommand;

/**
 * The ext fields of a POP_MESSAGE (200050) request (docs/protocol/16-*.md §4): {@code consumerGroup}, {@code topic},
 * {@code queueId} (-1: every queue), {@code maxMsgNums} (1..32), {@code invisibleTime} and {@code pollTime} (ms),
 * {@code bornTime} (client clock), {@code initMode} (0 first offset, 1 last, for a group without a committed
 * offset), the optional subscription {@code expType} / {@code exp}, {@code order} and {@code attemptId}.
 */
record PopRequest(String group, String topic, int queueId, int maxMsgNums, long invisibleTime, long pollTime,
                  int initMode, String expType, String exp, boolean order, String attemptId) {

    static final int INIT_MIN = 0;

    /** Reads the header; a missing or malformed required field is a MissingHeaderException naming it. */
    static PopRequest from(RemotingCommand request) {
        return new PopRequest(
                request.requireExt("consumerGroup"),
                request.requireExt("topic"),
                request.requireExtInt("queueId"),
                request.requireExtInt("maxMsgNums"),
                request.requireExtLong("invisibleTime"),
                request.extLong("pollTime", 0),
                request.extInt("initMode", 1),
                request.ext("expType"),
                request.ext("exp"),
                Boolean.parseBoolean(request.ext("order")),
                request.ext("attemptId"));
    }
}
