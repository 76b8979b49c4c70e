package io.apogee.remoting;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes the JSON bodies of the protocol (route data, heartbeats, registrations...).
 *
 * <p>Body classes are plain classes whose public fields are the JSON keys (RocketMQ's bean property
 * names). Keys are written in alphabetical order, nulls omitted, unknown keys ignored on reading, and
 * numbers given as strings accepted, which is what both client versions write and accept (see
 * docs/protocol/08-json-bodies.md). The non-standard object-keyed maps some admin bodies need
 * are written by hand where they are used.
 *
 * <p>Thread-safe: the underlying mapper is configured once and shared.
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = builder().build();
    /** {@link #MAPPER} that also reads fastjson's unquoted (numeric) map keys. */
    private static final ObjectMapper LENIENT = builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private JsonCodec() {
    }

    /** The shared mapper, for callers that stream or need a tree. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encodeToString(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a body; malformed JSON is an {@link IllegalArgumentException} saying what was expected. */
    public static <T> T decode(byte[] json, Class<T> type) {
        return decode(MAPPER, json, type);
    }

    /**
     * Decodes JSON written by Apache RocketMQ's broker, whose fastjson writes numeric map keys unquoted
     * ({@code {"offsetTable":{0:15}}}, docs/protocol/15-replication.md §6.2): its metadata files (topics.json,
     * delayOffset.json, ...), the bodies a master sends its slaves, and every answer of an Apache name server or
     * broker to an admin request (the cluster table's {@code brokerAddrs}). Otherwise as {@link #decode}.
     */
    public static <T> T decodeLenient(byte[] json, Class<T> type) {
        return decode(LENIENT, json, type);
    }

    private static <T> T decode(ObjectMapper mapper, byte[] json, Class<T> type) {
        if (json == null) {
            throw new IllegalArgumentException("missing " + type.getSimpleName() + " body");
        }
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " body: " + e.getMessage(), e);
        }
    }
}
