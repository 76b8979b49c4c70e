package io.apogee.console.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of the message pages, with their query values encoded (topic names may hold {@code %} and {@code |}).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class MessageLinks {

    private MessageLinks() {
    }

    /** The detail page of message {@code id} of {@code topic}, its body shown {@code as} (empty: the default). */
    public static String view(String topic, String id, String as) {
        String link = "/messages/view?topic=" + encoded(topic) + "&id=" + encoded(id);
        return as.isEmpty() ? link : link + "&as=" + encoded(as);
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
