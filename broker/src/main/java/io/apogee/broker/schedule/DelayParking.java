package io.apogee.broker.schedule;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.text.ClientText;
import io.apogee.common.message.PropertyEditor;
import io.apogee.broker.topic.SystemTopics;

/**
 * Decides whether a message is delayed and rewrites it for parking in {@code SCHEDULE_TOPIC_XXXX}
 * (docs/protocol/10-properties-and-system-topics.md §3 and §6).
 *
 * <ul>
 *   <li>{@code DELAY=n} with n ≥ 1: level n, clamped to the highest level (the stored {@code DELAY} is the
 *       clamped level). {@code DELAY} ≤ 0 means no delay; a non-numeric value is a problem naming it.</li>
 *   <li>Without a positive {@code DELAY}, the 5.x timer properties {@code TIMER_DELIVER_MS} (absolute ms),
 *       {@code TIMER_DELAY_SEC}, {@code TIMER_DELAY_MS} (relative) are <b>approximated</b> by the smallest delay
 *       level whose delay is at least the requested one (Apogee has no timer wheel): the message is never
 *       delivered early, but may be delivered later than asked (e.g. 7 s → the 10 s level). A delay of zero or
 *       less (a delivery time in the past) stores the message directly. A delay longer than the longest level
 *       is rejected (the caller answers MESSAGE_ILLEGAL naming the value) rather than delivered early.</li>
 *   <li>Transaction half messages (sysFlag type bits = 0x4) are never delayed.</li>
 * </ul>
 * Parking adds {@code REAL_TOPIC=<topic>} and {@code REAL_QID=<queueId>} and moves the message to queue
 * {@code level - 1} of {@code SCHEDULE_TOPIC_XXXX}.
 *
 * <p>Immutable, hence thread-safe. The check on a message without delay properties allocates nothing.
 */
public final class DelayParking {

    private static final int TRANSACTION_TYPE_MASK = 0xC;
    private static final int TRANSACTION_PREPARED = 0x4;

    /** Outcome of {@link #decide}: {@code level} 0 = not delayed; {@code problem} non-null = reject. */
    public record Decision(int level, String problem) {
        static final Decision NONE = new Decision(0, null);

        public boolean delayed() {
            return level > 0;
        }
    }

    private final DelayLevels levels;

    public DelayParking(DelayLevels levels) {
        this.levels = levels;
    }

    public DelayLevels levels() {
        return levels;
    }

    /** The delay level for a message with these properties and sysFlag, as of {@code nowMillis}. */
    public Decision decide(String props, int sysFlag, long nowMillis) {
        if ((sysFlag & TRANSACTION_TYPE_MASK) == TRANSACTION_PREPARED) {
            return Decision.NONE;
        }
        String delay = MessageProperties.valueOf(props, MessageProperties.DELAY);
        if (delay != null) {
            Integer level = parseInt(delay);
            if (level == null) {
                return new Decision(0, "illegal property DELAY='" + ClientText.of(delay)
                        + "': expected a delay level number");
            }
            if (level > 0) {
                return new Decision(levels.clamp(level), null);
            }
        }
        return fromTimer(props, nowMillis);
    }

    private Decision fromTimer(String props, long nowMillis) {
        String deliverAt = MessageProperties.valueOf(props, MessageProperties.TIMER_DELIVER_MS);
        String delaySec = MessageProperties.valueOf(props, MessageProperties.TIMER_DELAY_SEC);
        String delayMs = MessageProperties.valueOf(props, MessageProperties.TIMER_DELAY_MS);
        String key;
        String value;
        long factor;
        if (deliverAt != null) {
            key = MessageProperties.TIMER_DELIVER_MS;
            value = deliverAt;
            factor = 1;
        } else if (delaySec != null) {
            key = MessageProperties.TIMER_DELAY_SEC;
            value = delaySec;
            factor = 1_000;
        } else if (delayMs != null) {
            key = MessageProperties.TIMER_DELAY_MS;
            value = delayMs;
            factor = 1;
        } else {
            return Decision.NONE;
        }
        Long parsed = parseLong(value);
        if (parsed == null || parsed > Long.MAX_VALUE / factor) {
            return new Decision(0, "illegal property " + key + "='" + ClientText.of(value)
                    + "': expected a number");
        }
        long delayMillis = key.equals(MessageProperties.TIMER_DELIVER_MS) ? parsed - nowMillis : parsed * factor;
        if (delayMillis <= 0) {
            return Decision.NONE;
        }
        int level = levels.levelAtLeast(delayMillis);
        if (level < 0) {
            return new Decision(0, "the requested delay " + key + "=" + ClientText.of(value) + " (" + delayMillis
                    + " ms) is longer than the longest delay level (" + levels.maxMillis() + " ms, messageDelayLevel)");
        }
        return new Decision(level, null);
    }

    /** The properties of the parked copy: {@code props} + DELAY=level, REAL_TOPIC, REAL_QID. */
    public String park(String props, String topic, int queueId, int level) {
        return PropertyEditor.of(props)
                .set(MessageProperties.DELAY, Integer.toString(level))
                .set(MessageProperties.REAL_TOPIC, topic)
                .set(MessageProperties.REAL_QID, Integer.toString(queueId))
                .render();
    }

    /** The queue of {@code SCHEDULE_TOPIC_XXXX} that holds {@code level}. */
    public static int queueOf(int level) {
        return level - 1;
    }

    /** The parking topic. */
    public static String topic() {
        return SystemTopics.SCHEDULE;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
