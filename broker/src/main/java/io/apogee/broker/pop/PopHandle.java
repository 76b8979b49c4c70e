package io.apogee.broker.pop;

import io.apogee.broker.topic.SystemTopics;

/**
 * A popped message's handle, the {@code POP_CK} property (Apache's "extraInfo"; docs/protocol/16-*.md §4): the
 * fields separated by single spaces, in this order:
 * <pre>
 *   ckOffset popTime invisibleTime reviveQid retryFlag brokerName queueId [msgOffset]
 * </pre>
 * {@code ckOffset} is the queue offset the pop read from (with popTime it names the pop's checkpoint);
 * {@code retryFlag} is 0 for the topic itself, 1 for the POP retry topic {@code %RETRY%<group>_<topic>}, 2 for
 * Apache's v2 name {@code %RETRY%<group>+<topic>}; {@code reviveQid} 999 marks an orderly pop; {@code msgOffset} is
 * the message's own queue offset (ack and change-invisible-time requests carry it separately as well).
 *
 * <p>Immutable.
 */
record PopHandle(long ckOffset, long popTime, long invisibleTime, int reviveQid, int retryFlag, String brokerName,
                 int queueId, long msgOffset) {

    /** The revive queue id that marks an orderly pop. */
    static final int ORDER_REVIVE_QID = 999;
    static final int NORMAL = 0;
    static final int RETRY_V1 = 1;
    static final int RETRY_V2 = 2;

    /** The handle parsed from {@code text}, or null when it is not one (fewer than 7 fields, a non-number). */
    static PopHandle parse(String text) {
        if (text == null) {
            return null;
        }
        String[] f = text.split(" ");
        if (f.length < 7) {
            return null;
        }
        try {
            return new PopHandle(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5], Integer.parseInt(f[6]),
                    f.length > 7 ? Long.parseLong(f[7]) : -1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The 8-field text. */
    String render() {
        return ckOffset + " " + popTime + " " + invisibleTime + " " + reviveQid + " " + retryFlag + " " + brokerName
                + " " + queueId + " " + msgOffset;
    }

    boolean isOrderly() {
        return reviveQid == ORDER_REVIVE_QID;
    }

    /** The retry flag of a topic read by a pop: 1 or 2 for POP retry topics, else 0. */
    static int retryFlagOf(String topic) {
        if (!SystemTopics.isRetry(topic)) {
            return NORMAL;
        }
        return topic.indexOf('+') >= 0 ? RETRY_V2 : RETRY_V1;
    }

    /** The POP retry topic of a group and topic, Apache's v1 name. */
    static String retryTopic(String group, String topic) {
        return SystemTopics.RETRY_PREFIX + group + "_" + topic;
    }

    /** The topic a handle's message was read from, given the request's topic and group. */
    static String readTopic(String topic, String group, int retryFlag) {
        return switch (retryFlag) {
            case RETRY_V1 -> retryTopic(group, topic);
            case RETRY_V2 -> SystemTopics.RETRY_PREFIX + group + "+" + topic;
            default -> topic;
        };
    }
}
