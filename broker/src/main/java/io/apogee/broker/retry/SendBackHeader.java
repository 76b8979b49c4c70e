package io.apogee.broker.retry;

import io.apogee.remoting.RemotingCommand;

/**
 * The CONSUMER_SEND_MSG_BACK (36) request header (docs/protocol/05-consumer.md §9): {@code offset} (commit-log
 * offset of the failed message, required), {@code group} (required), {@code delayLevel} (0 = broker picks, &lt;0 =
 * straight to the DLQ, n = level n; required), optional {@code originMsgId}, {@code originTopic}, {@code unitMode},
 * {@code maxReconsumeTimes} (-1 when absent). A missing or non-numeric required key is a
 * {@link io.apogee.remoting.MissingHeaderException} naming it.
 *
 * @param maxReconsumeTimes -1 when absent
 */
record SendBackHeader(long offset, String group, int delayLevel, String originMsgId, String originTopic,
                      boolean unitMode, int maxReconsumeTimes) {

    static SendBackHeader parse(RemotingCommand r) {
        return new SendBackHeader(r.requireExtLong("offset"), r.requireExt("group"), r.requireExtInt("delayLevel"),
                r.ext("originMsgId"), r.ext("originTopic"), r.extBool("unitMode", false),
                r.extInt("maxReconsumeTimes", -1));
    }
}
