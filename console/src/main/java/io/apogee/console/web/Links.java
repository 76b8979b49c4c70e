package io.apogee.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links between pages: names may hold {@code %} and {@code |} (retry and dead-letter topics), so every name in a
 * URL goes through {@link #encode}. Templates call these with the raw names; JTE escapes the result for HTML.
 *
 * <p>Stateless.
 */
public final class Links {

    private Links() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String topic(String topic) {
        return "/topics/view?topic=" + encode(topic);
    }

    public static String group(String group) {
        return "/groups/view?group=" + encode(group);
    }
}
