package io.apogee.remoting;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON header of a frame (serialization type 0), written and read with Jackson's streaming API.
 *
 * <p>Written as RocketMQ writes it: keys {@code code, extFields, flag, language, opaque, remark,
 * serializeTypeCurrentRPC, version} in that order, {@code extFields} and {@code remark} omitted when null,
 * language by name. Read tolerantly, as both client versions do (docs/protocol/01-framing.md §2): any key
 * order, unknown keys skipped, numbers given as strings, language by name or number, non-string ext values
 * coerced to text, null ext values dropped, missing language = JAVA, missing version = 0. The object must fill
 * the declared header length: whitespace may follow it, anything else is a {@link MalformedFrameException}.
 *
 * <p>Thread-safe: stateless; the Jackson factory is shared and thread-safe.
 */
final class JsonHeaderCodec {

    private static final JsonFactory FACTORY = JsonCodec.mapper().getFactory();

    private JsonHeaderCodec() {
    }

    static void write(RemotingCommand command, ByteBuf out) {
        try (JsonGenerator json = FACTORY.createGenerator((OutputStream) new ByteBufOutputStream(out),
                JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("code", command.code());
            Map<String, String> ext = command.extFields();
            if (ext != null) {
                json.writeObjectFieldStart("extFields");
                for (Map.Entry<String, String> entry : ext.entrySet()) {
                    if (entry.getKey() != null && entry.getValue() != null) {
                        json.writeStringField(entry.getKey(), entry.getValue());
                    }
                }
                json.writeEndObject();
            }
            json.writeNumberField("flag", command.flag());
            if (command.language() != null) {
                json.writeStringField("language", command.language().name());
            }
            json.writeNumberField("opaque", command.opaque());
            if (command.remark() != null) {
                json.writeStringField("remark", command.remark());
            }
            json.writeStringField("serializeTypeCurrentRPC", "JSON");
            json.writeNumberField("version", command.version());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RemotingCommand read(ByteBuf buf, int index, int length) {
        try (JsonParser parser = open(buf, index, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("JSON header is not an object: " + preview(buf, index, length));
            }
            RemotingCommand command = new RemotingCommand().version(0);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                readField(parser, key, command);
            }
            requireEnd(parser, buf, index, length);
            return command;
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("unparsable JSON header (" + e.getOriginalMessage() + "): "
                    + preview(buf, index, length), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable JSON header: " + e.getMessage(), e);
        }
    }

    /**
     * The object must fill the declared header length: only whitespace may follow it (the clients send none, but
     * their decoders accept it, docs/protocol/01-framing.md §2).
     */
    private static void requireEnd(JsonParser parser, ByteBuf buf, int index, int length) throws IOException {
        long end = parser.currentLocation().getByteOffset();
        JsonToken extra;
        try {
            extra = parser.nextToken();
        } catch (JsonProcessingException e) {
            extra = JsonToken.NOT_AVAILABLE;
        }
        if (extra != null) {
            throw new MalformedFrameException("JSON header has trailing bytes after its object, which ends at byte "
                    + end + " of the declared " + length + ": " + preview(buf, index, length));
        }
    }

    private static JsonParser open(ByteBuf buf, int index, int length) throws IOException {
        if (buf.hasArray()) {
            return FACTORY.createParser(buf.array(), buf.arrayOffset() + index, length);
        }
        return FACTORY.createParser((InputStream) new ByteBufInputStream(buf.slice(index, length)));
    }

    private static void readField(JsonParser parser, String key, RemotingCommand command) throws IOException {
        switch (key) {
            case "code" -> command.code(intValue(parser, key));
            case "flag" -> command.flag(intValue(parser, key));
            case "opaque" -> command.opaque(intValue(parser, key));
            case "version" -> command.version(intValue(parser, key));
            case "language" -> command.language(language(parser));
            case "remark" -> command.remark(textValue(parser));
            case "extFields" -> command.extFields(extFields(parser));
            default -> parser.skipChildren();
        }
    }

    private static int intValue(JsonParser parser, String key) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText().trim();
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new MalformedFrameException("JSON header field '" + key + "' is not a number: '" + text + "'");
            }
        }
        throw new MalformedFrameException("JSON header field '" + key + "' has unexpected " + token);
    }

    private static LanguageCode language(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return LanguageCode.of(parser.getIntValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            return LanguageCode.parse(parser.getText());
        }
        parser.skipChildren();
        return token == JsonToken.VALUE_NULL ? LanguageCode.JAVA : LanguageCode.OTHER;
    }

    /** A scalar as text; null for JSON null; an object or array as its JSON text. */
    private static String textValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            return JsonCodec.mapper().readTree(parser).toString();
        }
        return parser.getText();
    }

    private static Map<String, String> extFields(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedFrameException("JSON header field 'extFields' is not an object but " + token);
        }
        Map<String, String> ext = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            String value = textValue(parser);
            if (value != null) {
                ext.put(key, value);
            }
        }
        return ext;
    }

    private static String preview(ByteBuf buf, int index, int length) {
        int shown = Math.min(length, 120);
        String text = buf.toString(index, shown, StandardCharsets.UTF_8);
        return "'" + text + (shown < length ? "...'" : "'");
    }
}
