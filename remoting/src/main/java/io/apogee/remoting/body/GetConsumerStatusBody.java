package io.apogee.remoting.body;

import io.apogee.remoting.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * GetConsumerStatusBody, in two roles (docs/protocol/08-json-bodies.md §9):
 * <ul>
 *   <li>a client's answer to GET_CONSUMER_STATUS_FROM_CLIENT (221): {@code {"consumerTable":{},
 *       "messageQueueTable":{{"brokerName":"b","queueId":0,"topic":"T"}:5,...}}}, the offsets of its queues;</li>
 *   <li>the broker's answer to INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223): {@code {"consumerTable":{"<clientId>":
 *       {{mq}:5,...},...},"messageQueueTable":{}}}, each client's table under its client id.</li>
 * </ul>
 * The queue-keyed tables are not standard JSON (object keys), so the broker never decodes them: it cuts each
 * client's {@code messageQueueTable} value out of the answer as text ({@link #messageQueueTableOf}) and splices it
 * into its own answer ({@link #compose}).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class GetConsumerStatusBody {

    private static final String TABLE_KEY = "messageQueueTable";

    private GetConsumerStatusBody() {
    }

    /** The broker's 223 answer from each client id's {@code messageQueueTable} text (entries in map order). */
    public static byte[] compose(Map<String, String> tablesByClientId) {
        StringBuilder json = new StringBuilder("{\"consumerTable\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : tablesByClientId.entrySet()) {
            json.append(first ? "" : ",").append(JsonCodec.encodeToString(e.getKey()))
                    .append(':').append(e.getValue());
            first = false;
        }
        return json.append("},\"messageQueueTable\":{}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text of the top-level {@code messageQueueTable} object of a client's 221 answer; empty when the body has
     * none or is not well-formed enough to cut it out (unbalanced braces, unterminated string).
     */
    public static Optional<String> messageQueueTableOf(byte[] body) {
        if (body == null) {
            return Optional.empty();
        }
        String json = new String(body, StandardCharsets.UTF_8);
        int key = topLevelKey(json, TABLE_KEY);
        if (key < 0) {
            return Optional.empty();
        }
        int start = key;
        while (start < json.length() && Character.isWhitespace(json.charAt(start))) {
            start++;
        }
        int end = start < json.length() && json.charAt(start) == '{' ? closingBrace(json, start) : -1;
        return end < 0 ? Optional.empty() : Optional.of(json.substring(start, end + 1));
    }

    /** Index just after {@code "key":} at nesting depth 1, or -1. */
    private static int topLevelKey(String json, String key) {
        String quoted = "\"" + key + "\"";
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                if (depth == 1 && json.startsWith(quoted, i)) {
                    int colon = json.indexOf(':', i + quoted.length());
                    return colon < 0 || !json.substring(i + quoted.length(), colon).isBlank() ? -1 : colon + 1;
                }
                i = stringEnd(json, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return -1;
    }

    /** Index of the brace closing the one at {@code open}, or -1. */
    private static int closingBrace(String json, int open) {
        int depth = 0;
        for (int i = open; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                i = stringEnd(json, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the quote ending the string that starts at {@code quote}, or -1. */
    private static int stringEnd(String json, int quote) {
        for (int i = quote + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }
}
