package io.apogee.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.MessageQueueBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the admin bodies whose maps are keyed by a MessageQueue object, which RocketMQ writes as non-standard JSON
 * ({@code {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{...}}}}, docs/protocol/08-json-bodies.md §6).
 * {@link #tree} rewrites every object-valued key into a string holding that object's JSON, which makes the text
 * standard JSON; {@link #queueMap} then turns such a map node into typed entries.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class QueueKeyedJson {

    private QueueKeyedJson() {
    }

    /** The body as a JSON tree, object keys turned into strings. */
    public static JsonNode tree(byte[] body) throws AdminException {
        if (body == null) {
            throw new AdminException(AdminException.BAD_ANSWER, "answer without a body");
        }
        try {
            return JsonCodec.mapper().readTree(standardize(new String(body, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AdminException(AdminException.BAD_ANSWER, "unreadable JSON body: " + e.getMessage());
        }
    }

    /** The entries of map node {@code node} (may be missing), keys read as queues and values as {@code type}. */
    public static <V> Map<MessageQueueBody, V> queueMap(JsonNode node, Class<V> type) throws AdminException {
        Map<MessageQueueBody, V> map = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return map;
        }
        ObjectMapper mapper = JsonCodec.mapper();
        try {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(mapper.readValue(e.getKey(), MessageQueueBody.class), mapper.treeToValue(e.getValue(), type));
            }
        } catch (IOException e) {
            throw new AdminException(AdminException.BAD_ANSWER, "unreadable queue-keyed map: " + e.getMessage());
        }
        return map;
    }

    /** {@code json} with every object used as an object key replaced by a string of its text. */
    static String standardize(String json) {
        StringBuilder out = new StringBuilder(json.length() + 32);
        Deque<Context> stack = new ArrayDeque<>();
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = stringEnd(json, i);
                out.append(json, i, end);
                i = end;
                continue;
            }
            if (c == '{' && stack.peek() == Context.OBJECT_KEY) {
                int end = objectEnd(json, i);
                out.append(JsonCodec.encodeToString(json.substring(i, end)));
                i = end;
                continue;
            }
            switch (c) {
                case '{' -> stack.push(Context.OBJECT_KEY);
                case '[' -> stack.push(Context.ARRAY);
                case '}', ']' -> stack.poll();
                case ':' -> replaceTop(stack, Context.OBJECT_VALUE);
                case ',' -> {
                    if (stack.peek() == Context.OBJECT_VALUE) {
                        replaceTop(stack, Context.OBJECT_KEY);
                    }
                }
                default -> { }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Where the scanner is inside the innermost open object or array. */
    private enum Context { OBJECT_KEY, OBJECT_VALUE, ARRAY }

    private static void replaceTop(Deque<Context> stack, Context value) {
        if (!stack.isEmpty()) {
            stack.pop();
            stack.push(value);
        }
    }

    /** Index after the string literal starting at {@code start}. */
    private static int stringEnd(String json, int start) {
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                return i + 1;
            }
            i++;
        }
        return json.length();
    }

    /** Index after the balanced object starting at {@code start}. */
    private static int objectEnd(String json, int start) {
        int depth = 0;
        int i = start;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                i = stringEnd(json, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return json.length();
    }
}
