package io.apogee.console.message;

import io.apogee.console.web.Form;

/**
 * The message search form, as submitted and checked: {@code mode} "key" (topic and business key, time range
 * optional), "id" (topic and a message id: the client's msgId or the broker's offsetMsgId) or "time" (topic and a
 * time range; end defaults to now). The raw texts are kept to show the form again as it was filled in.
 *
 * <p>Immutable.
 *
 * @param begin epoch milliseconds; 0 when not given
 * @param end   epoch milliseconds; {@link Long#MAX_VALUE} when not given (now, for a search by time)
 */
public record SearchQuery(String mode, String topic, String key, String msgId, String beginText, String endText,
                          long begin, long end) {

    /** An empty form. */
    public static SearchQuery blank() {
        return new SearchQuery("key", "", "", "", "", "", 0, Long.MAX_VALUE);
    }

    /** Reads and checks the fields of {@code form}; problems stay in {@code form}. */
    public static SearchQuery read(Form form) {
        String mode = mode(form);
        String topic = form.name("topic", "topic");
        String key = mode.equals("key") ? form.required("key", "Key") : form.text("key");
        String msgId = mode.equals("id") ? form.required("msgId", "Message id") : form.text("msgId");
        boolean byTime = mode.equals("time");
        long begin = form.time("begin", "Begin", byTime ? -1 : 0);
        long end = form.time("end", "End", byTime ? System.currentTimeMillis() : Long.MAX_VALUE);
        checkRange(form, byTime, begin, end);
        return new SearchQuery(mode, topic, key, msgId, form.text("begin"), form.text("end"), Math.max(0, begin),
                end);
    }

    private static String mode(Form form) {
        String mode = form.text("mode");
        if (mode.equals("key") || mode.equals("id") || mode.equals("time")) {
            return mode;
        }
        form.error("mode", "Choose a search by key, by message id or by time range, not '" + mode + "'.");
        return "key";
    }

    private static void checkRange(Form form, boolean byTime, long begin, long end) {
        if (byTime && begin < 0 && form.errors().get("begin") == null) {
            form.error("begin", "Begin is required for a search by time range.");
        }
        if (begin >= 0 && end < begin) {
            form.error("end", "End must not be before begin.");
        }
    }
}
