package io.apogee.broker.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** Reads RocketMQ's object-keyed JSON in tests, turning each queue key into the string "topic/broker/queueId". */
final class ObjectKeys {

    private static final Pattern QUEUE_KEY =
            Pattern.compile("\\{\"brokerName\":\"([^\"]*)\",\"queueId\":(\\d+),\"topic\":\"([^\"]*)\"}:");

    private ObjectKeys() {
    }

    static JsonNode read(String objectKeyedJson) {
        String standard = QUEUE_KEY.matcher(objectKeyedJson).replaceAll("\"$3/$1/$2\":");
        try {
            return JsonCodec.mapper().readTree(standard);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
