package io.apogee.tools.cli.message;

import io.apogee.tools.message.MessageRecord;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --json} form of a message: every record field; the body as text in the charset, else base64. */
final class MessageJson {

    private MessageJson() {
    }

    static Map<String, Object> of(MessageRecord m, Charset charset) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("msgId", m.msgId());
        json.put("offsetMsgId", m.offsetMsgId());
        json.put("topic", m.topic());
        json.put("tags", m.tags());
        json.put("keys", m.keys());
        json.put("queueId", m.queueId());
        json.put("queueOffset", m.queueOffset());
        json.put("commitLogOffset", m.commitLogOffset());
        json.put("reconsumeTimes", m.reconsumeTimes());
        json.put("bornTimestamp", m.bornTimestamp());
        json.put("storeTimestamp", m.storeTimestamp());
        json.put("bornHost", m.bornHost());
        json.put("storeHost", m.storeHost());
        json.put("sysFlag", m.sysFlag());
        json.put("properties", m.properties());
        if (charset != null) {
            json.put("body", new String(m.body(), charset));
        } else {
            json.put("bodyBase64", Base64.getEncoder().encodeToString(m.body()));
            json.put("bodyUtf8", new String(m.body(), StandardCharsets.UTF_8));
        }
        return json;
    }
}
