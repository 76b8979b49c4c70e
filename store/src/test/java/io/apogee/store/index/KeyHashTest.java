package io.apogee.store.index;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash from bytes equals Apache's {@code Math.abs("topic#key".hashCode())} rule for every kind of key. */
class KeyHashTest {

    private static int fromBytes(byte[] topic, byte[] key) {
        ByteBuffer buf = ByteBuffer.allocate(3 + topic.length + key.length);
        buf.put(3, topic).put(3 + topic.length, key);
        return KeyHash.of(buf, 3, topic.length, 3 + topic.length, key.length, false);
    }

    private static int apache(String topic, String key) {
        int abs = Math.abs((topic + "#" + key).hashCode());
        return abs < 0 ? 0 : abs;
    }

    @Test
    void shouldHashUtf8BytesLikeStringHashCode() {
        String[] keys = {"", "order-1", "ÄÖÜ straße", "日本語キー", "emoji 😀 key", "\u07FF\u0800\uFFFF",
            "0A0B0C0D0E0F00000000000000000001"};
        for (String key : keys) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            assertThat(fromBytes("Topic日".getBytes(StandardCharsets.UTF_8), k)).as(key)
                    .isEqualTo(apache("Topic日", key)).isEqualTo(KeyHash.of("Topic日", key, false));
        }
    }

    @Test
    void shouldFallBackToTheJdkDecoderForMalformedBytes() {
        byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, 0x28, (byte) 0xA1}, {(byte) 0xED, (byte) 0xA0,
            (byte) 0x80}, {'a', (byte) 0xF0, (byte) 0x9F}, {(byte) 0xFF}};
        for (byte[] key : bad) {
            String decoded = new String(key, StandardCharsets.UTF_8);
            assertThat(fromBytes("T".getBytes(StandardCharsets.UTF_8), key)).isEqualTo(apache("T", decoded));
        }
    }

    @Test
    void shouldHashATagAsTopicHashTHashTag() {
        byte[] topic = "Topic日".getBytes(StandardCharsets.UTF_8);
        byte[] tag = "TagÄ".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(topic.length + tag.length).put(0, topic).put(topic.length, tag);

        assertThat(KeyHash.of(buf, 0, topic.length, topic.length, tag.length, true)).as("Apache's topic#T#tag key")
                .isEqualTo(apache("Topic日", "T#TagÄ")).isEqualTo(KeyHash.of("Topic日", "TagÄ", true))
                .isNotEqualTo(KeyHash.of("Topic日", "TagÄ", false));
    }

    @Test
    void shouldMapIntegerMinValueToZero() {
        assertThat(KeyHash.positive(Integer.MIN_VALUE)).isZero();
        assertThat(KeyHash.positive(-5)).isEqualTo(5);
    }
}
