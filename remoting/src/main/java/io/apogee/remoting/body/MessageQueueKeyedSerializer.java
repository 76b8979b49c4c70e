package io.apogee.remoting.body;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.apogee.remoting.JsonCodec;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@code Map<MessageQueueBody, X>} the way RocketMQ does, with each queue as an <em>object key</em>:
 * {@code {{"brokerName":"b","queueId":0,"topic":"T"}:X,...}} — not standard JSON, but the only form both client
 * versions read (docs/protocol/08-json-bodies.md §2). Entries in the map's iteration order; keys and values are
 * written by {@link JsonCodec}. Write-only: Apogee never reads such a body.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class MessageQueueKeyedSerializer extends StdSerializer<Map<MessageQueueBody, ?>> {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageQueueKeyedSerializer() {
        super((Class) Map.class);
    }

    @Override
    public void serialize(Map<MessageQueueBody, ?> map, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        gen.writeRawValue(render(map));
    }

    /** The object-keyed JSON text of {@code map}. */
    public static String render(Map<MessageQueueBody, ?> map) {
        StringBuilder sb = new StringBuilder(64 * (map.size() + 1)).append('{');
        for (Map.Entry<MessageQueueBody, ?> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(JsonCodec.encodeToString(e.getKey())).append(':').append(JsonCodec.encodeToString(e.getValue()));
        }
        return sb.append('}').toString();
    }
}
