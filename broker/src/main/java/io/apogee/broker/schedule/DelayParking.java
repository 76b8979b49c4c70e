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
 *       clamped level). {@code DELAY} ≤ 0 means no delay; a non-numeric value is a problem naming it. A positive
 *       level wins over the timer properties, as in Apache.</li>
 *   <li>Otherwise the 5.x timer properties, in Apache's order of precedence {@code TIMER_DELAY_SEC},
 *       {@code TIMER_DELAY_MS} (relative), {@code TIMER_DELIVER_MS} (absolute ms), give the delivery time. A time
 *       not in the future stores the message directly; a message already carrying {@code TIMER_OUT_MS} (a delivered
 *       timer message sent again) is not delayed again. With the timer wheel ({@code timerMaxDelayMillis} &gt; 0) the
 *       message is parked for exactly that millisecond ({@link Decision#deliverMs}), and a delay longer than
 *       {@code timerMaxDelayMillis} is a problem naming the value and the limit. Without it the delay is
 *       <b>approximated</b> by the smallest level at least as long (never early, maybe late), and a delay longer
 *       than the longest level is a problem.</li>
 *   <li>Transaction half messages (sysFlag type bits = 0x4) are never delayed.</li>
 * </ul>
 * Parking adds {@code REAL_TOPIC=<topic>} and {@code REAL_QID=<queueId>}; a level message moves to queue
 * {@code level - 1} of {@code SCHEDULE_TOPIC_XXXX}, a timer message to queue 0 of {@code rmq_sys_wheel_timer} with
 * {@code TIMER_OUT_MS=<deliverMs>}.
 *
 * <p>Immutable, hence thread-safe. The check on a message without delay properties allocates nothing.
 */
public final class DelayParking {

    private static final int TRANSACTION_TYPE_MASK = 0xC;
    private static final int TRANSACTION_PREPARED = 0x4;

    /**
     * Outcome of {@link #decide}: a {@code level} &gt; 0, or a timer's {@code deliverMs} &gt; 0, or neither (not
     * delayed); {@code problem} non-null = reject.
     */
    public record Decision(int level, long deliverMs, String problem) {
        static final Decision NONE = new Decision(0, 0, null);

        static Decision level(int level) {
            return new Decision(level, 0, null);
        }

        static Decision problem(String problem) {
            return new Decision(0, 0, problem);
        }

        /** Delayed by a level. */
        public boolean delayed() {
            return level > 0;
        }

        /** Parked in the timer wheel until {@link #deliverMs}. */
        public boolean timed() {
            return deliverMs > 0;
        }
    }

    private final DelayLevels levels;
    private final long timerMaxDelayMillis;

    /** Levels only: the timer properties are approximated by levels. */
    public DelayParking(DelayLevels levels) {
        this(levels, 0);
    }

    /** With the timer wheel for delays up to {@code timerMaxDelayMillis}; 0: approximated by levels. */
    public DelayParking(DelayLevels levels, long timerMaxDelayMillis) {
        this.levels = levels;
        this.timerMaxDelayMillis = timerMaxDelayMillis;
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
                return Decision.problem("illegal property DELAY='" + ClientText.of(delay)
                        + "': expected a delay level number");
            }
            if (level > 0) {
                return Decision.level(levels.clamp(level));
            }
        }
        if (MessageProperties.find(props, MessageProperties.TIMER_OUT_MS) != MessageProperties.ABSENT) {
            return Decision.NONE;
        }
        return fromTimer(props, nowMillis);
    }

    private Decision fromTimer(String props, long nowMillis) {
        String delaySec = MessageProperties.valueOf(props, MessageProperties.TIMER_DELAY_SEC);
        String delayMs = MessageProperties.valueOf(props, MessageProperties.TIMER_DELAY_MS);
        String deliverAt = MessageProperties.valueOf(props, MessageProperties.TIMER_DELIVER_MS);
        String key;
        String value;
        long factor;
        if (delaySec != null) {
            key = MessageProperties.TIMER_DELAY_SEC;
            value = delaySec;
            factor = 1_000;
        } else if (delayMs != null) {
            key = MessageProperties.TIMER_DELAY_MS;
            value = delayMs;
            factor = 1;
        } else if (deliverAt != null) {
            key = MessageProperties.TIMER_DELIVER_MS;
            value = deliverAt;
            factor = 1;
        } else {
            return Decision.NONE;
        }
        Long parsed = parseLong(value);
        if (parsed == null || Math.abs(parsed) > Long.MAX_VALUE / 4 / factor) {
            return Decision.problem("illegal property " + key + "='" + ClientText.of(value)
                    + "': expected a number");
        }
        long delayMillis = key.equals(MessageProperties.TIMER_DELIVER_MS) ? parsed - nowMillis : parsed * factor;
        if (delayMillis <= 0) {
            return Decision.NONE;
        }
        return timerMaxDelayMillis > 0 ? exact(key, value, delayMillis, nowMillis)
                : approximate(key, value, delayMillis);
    }

    private Decision exact(String key, String value, long delayMillis, long nowMillis) {
        if (delayMillis > timerMaxDelayMillis) {
            return Decision.problem("the requested delay " + key + "=" + ClientText.of(value) + " (" + delayMillis
                    + " ms) is longer than the longest allowed delay of " + timerMaxDelayMillis / 1000
                    + " s (timerMaxDelaySec)");
        }
        return new Decision(0, nowMillis + delayMillis, null);
    }

    private Decision approximate(String key, String value, long delayMillis) {
        int level = levels.levelAtLeast(delayMillis);
        if (level < 0) {
            return Decision.problem("the requested delay " + key + "=" + ClientText.of(value) + " (" + delayMillis
                    + " ms) is longer than the longest delay level (" + levels.maxMillis() + " ms, messageDelayLevel)");
        }
        return Decision.level(level);
    }

    /** The properties of the parked copy: {@code props} + DELAY=level, REAL_TOPIC, REAL_QID. */
    public String park(String props, String topic, int queueId, int level) {
        return PropertyEditor.of(props)
                .set(MessageProperties.DELAY, Integer.toString(level))
                .set(MessageProperties.REAL_TOPIC, topic)
                .set(MessageProperties.REAL_QID, Integer.toString(queueId))
                .render();
    }

    /** The properties of a timer message's parked copy: {@code props} + TIMER_OUT_MS, REAL_TOPIC, REAL_QID. */
    public String parkTimer(String props, String topic, int queueId, long deliverMs) {
        return PropertyEditor.of(props)
                .set(MessageProperties.TIMER_OUT_MS, Long.toString(deliverMs))
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
