package io.apogee.console.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.tools.message.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a dead letter's copy carries, and how a position key reads. */
class RetryCopyTest {

    private static MessageRecord deadLetter(Map<String, String> properties) {
        return new MessageRecord(0, 0, 0, 0, 7, 0, 0, 0, "127.0.0.1:1", 0, "127.0.0.1:2", 16, 0, "%DLQ%G",
                properties, new byte[] {1}, "OFFSETID");
    }

    @Test
    void shouldKeepTheUsersPropertiesAndNameTheOriginalTopic() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("KEYS", "k1");
        props.put("TAGS", "TagA");
        props.put("UNIQ_KEY", "OLDID");
        props.put("DLQ_ORIGIN_TOPIC", "Orders");
        props.put("MIN_OFFSET", "0");
        props.put("DELAY", "-1");
        props.put("shop", "north");

        Map<String, String> copy = RetryCopy.properties(deadLetter(props));

        assertThat(copy).containsOnly(Map.entry("KEYS", "k1"), Map.entry("TAGS", "TagA"),
                Map.entry("shop", "north"), Map.entry("RETRY_TOPIC", "Orders"),
                Map.entry("ORIGIN_MESSAGE_ID", "OLDID"));
    }

    @Test
    void shouldPreferRetryTopicAndIgnoreADeadLetterTopicAsOrigin() {
        assertThat(RetryCopy.originalTopic(deadLetter(Map.of("RETRY_TOPIC", "A", "REAL_TOPIC", "B")))).hasValue("A");
        assertThat(RetryCopy.originalTopic(deadLetter(Map.of("REAL_TOPIC", "%DLQ%G")))).isEmpty();
    }

    @Test
    void shouldReadPositionKeysAndRejectOthers() {
        assertThat(Position.parse("broker-a:3:42")).hasValue(new Position("broker-a", 3, 42));
        assertThat(Position.parse("odd:name:0:1")).hasValue(new Position("odd:name", 0, 1));
        assertThat(Position.parse("broker-a:x:1")).isEmpty();
        assertThat(Position.parse("broker-a:1:-1")).isEmpty();
        assertThat(Position.parse(":1:1")).isEmpty();
        assertThat(Position.parse("42")).isEmpty();
    }
}
