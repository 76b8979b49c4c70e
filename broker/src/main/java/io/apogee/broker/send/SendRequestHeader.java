package io.apogee.broker.send;

import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;

/**
 * The header of a SEND request. SEND_MESSAGE (10) and SEND_REPLY_MESSAGE (324) use the long key names,
 * SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320) and SEND_REPLY_MESSAGE_V2 (325) the one-letter keys:
 * a producerGroup, b topic, c defaultTopic, d defaultTopicQueueNums, e queueId, f sysFlag, g bornTimestamp,
 * h flag, i properties, j reconsumeTimes, k unitMode, l maxReconsumeTimes, m batch, n brokerName (bname).
 * a–h are required; a missing or non-numeric one is a
 * {@link io.apogee.remoting.MissingHeaderException} naming the key.
 *
 * <p>Immutable after parsing; confined to the thread that handles the request.
 */
public final class SendRequestHeader {

    private static final String[] LONG = {"producerGroup", "topic", "defaultTopic", "defaultTopicQueueNums",
        "queueId", "sysFlag", "bornTimestamp", "flag", "properties", "reconsumeTimes", "unitMode",
        "maxReconsumeTimes", "batch", "bname"};
    private static final String[] SHORT = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"};

    public final String producerGroup;
    public final String topic;
    public final String defaultTopic;
    public final int defaultTopicQueueNums;
    public final int queueId;
    public final int sysFlag;
    public final long bornTimestamp;
    public final int flag;
    /** The properties string, "" when absent. */
    public final String properties;
    public final int reconsumeTimes;
    public final boolean unitMode;
    /** -1 when absent. */
    public final int maxReconsumeTimes;
    public final boolean batch;
    /** Null when absent. */
    public final String brokerName;

    private SendRequestHeader(RemotingCommand r, String[] k) {
        producerGroup = r.requireExt(k[0]);
        topic = r.requireExt(k[1]);
        defaultTopic = r.requireExt(k[2]);
        defaultTopicQueueNums = r.requireExtInt(k[3]);
        queueId = r.requireExtInt(k[4]);
        sysFlag = r.requireExtInt(k[5]);
        bornTimestamp = r.requireExtLong(k[6]);
        flag = r.requireExtInt(k[7]);
        String props = r.ext(k[8]);
        properties = props == null ? "" : props;
        reconsumeTimes = r.extInt(k[9], 0);
        unitMode = r.extBool(k[10], false);
        maxReconsumeTimes = r.extInt(k[11], -1);
        batch = r.extBool(k[12], r.code() == RequestCode.SEND_BATCH_MESSAGE);
        brokerName = r.ext(k[13]);
    }

    /** Parses the header of a 10, 310, 320, 324 or 325 request with the key style of its code. */
    public static SendRequestHeader parse(RemotingCommand request) {
        boolean longKeys = request.code() == RequestCode.SEND_MESSAGE
                || request.code() == RequestCode.SEND_REPLY_MESSAGE;
        return new SendRequestHeader(request, longKeys ? LONG : SHORT);
    }
}
