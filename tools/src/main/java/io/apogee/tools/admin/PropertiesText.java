package io.apogee.tools.admin;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code key=value} lines that GET/UPDATE_BROKER_CONFIG (26/25) and GET/UPDATE_NAMESRV_CONFIG (319/318) carry
 * as their body (RocketMQ's properties text, UTF-8, one entry per line).
 *
 * <p>Stateless, hence thread-safe.
 */
final class PropertiesText {

    private PropertiesText() {
    }

    static Map<String, String> parse(byte[] body) throws AdminException {
        Properties properties = new Properties();
        if (body != null) {
            try {
                properties.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new AdminException(AdminException.BAD_ANSWER, "unreadable properties body: " + e.getMessage());
            }
        }
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        return sorted;
    }

    static byte[] encode(Map<String, String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
