package io.apogee.broker.timer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The recall handle of a timer message (docs/protocol/16-timers-trace-reply-pop.md §1): the send answer's ext field
 * {@code recallHandle}, which the 5.x client hands back in RECALL_MESSAGE. It is the URL-safe Base64 (with padding)
 * of the UTF-8 text {@code "v1 <topic> <brokerName> <deliverMs> <uniqKey>"}, fields separated by one space, as
 * Apache's {@code RecallMessageHandle.HandleV1}; the client decodes it to find the broker by name. Apogee writes the
 * exact delivery millisecond (Apache writes its rounded {@code TIMER_OUT_MS + 1}; both name the delivery second).
 *
 * @param topic      the message's topic
 * @param brokerName the broker holding the timer
 * @param deliverMs  when it is due (epoch ms)
 * @param uniqKey    the message's UNIQ_KEY (its msgId)
 *
 * <p>Immutable.
 */
public record RecallHandle(String topic, String brokerName, long deliverMs, String uniqKey) {

    private static final String VERSION = "v1";

    /** The handle text for a timer message. */
    public static String encode(String topic, String brokerName, long deliverMs, String uniqKey) {
        String raw = VERSION + ' ' + topic + ' ' + brokerName + ' ' + deliverMs + ' ' + uniqKey;
        return Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The handle, or empty when {@code text} is not a v1 handle. */
    public static Optional<RecallHandle> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] items = raw.split(" ");
        if (items.length < 5 || !VERSION.equals(items[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RecallHandle(items[1], items[2], Long.parseLong(items[3]), items[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
