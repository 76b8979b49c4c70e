package io.apogee.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagePropertiesTest {

    @Test
    void shouldReadValuesOfBothEndingStyles() {
        String v5 = "KEYS\u0001K\u0002TAGS\u0001TagA\u0002";
        String v4 = "KEYS\u0001K\u0002TAGS\u0001TagA";

        assertThat(MessageProperties.valueOf(v5, "TAGS")).isEqualTo("TagA");
        assertThat(MessageProperties.valueOf(v4, "TAGS")).isEqualTo("TagA");
        assertThat(MessageProperties.valueOf(v4, "KEYS")).isEqualTo("K");
        assertThat(MessageProperties.valueOf(v4, "TAG")).isNull();
        assertThat(MessageProperties.valueOf("", "TAGS")).isNull();
        assertThat(MessageProperties.valueOf("TAGS\u0001\u0002", "TAGS")).isNull();
    }

    @Test
    void shouldAppendClusterAndReplaceAnExistingOne() {
        String rebuilt = MessageProperties.rebuild(new StringBuilder(),
                "CLUSTER\u0001old\u0002TAGS\u0001T\u0002\u0002bad\u0002", "CLUSTER", "C1", null).toString();

        assertThat(rebuilt).isEqualTo("TAGS\u0001T\u0002CLUSTER\u0001C1\u0002");
    }

    @Test
    void shouldAddGeneratedUniqKeyAndTerminateOldStyleStrings() {
        String rebuilt = MessageProperties.rebuild(new StringBuilder(), "TAGS\u0001T", "CLUSTER", "C1", "ID")
                .toString();

        assertThat(rebuilt).isEqualTo("TAGS\u0001T\u0002CLUSTER\u0001C1\u0002UNIQ_KEY\u0001ID\u0002");
    }

    @Test
    void shouldGenerateDistinct32CharacterUniqKeys() {
        UniqKeyGenerator keys = new UniqKeyGenerator(new byte[] {127, 0, 0, 1});

        assertThat(keys.next()).hasSize(32).startsWith("7F000001").isNotEqualTo(keys.next());
    }

    @Test
    void shouldEncodeOffsetMsgIdAsHostPortAndOffset() {
        OffsetMsgId ids = new OffsetMsgId(new java.net.InetSocketAddress("127.0.0.1", 10911));

        assertThat(ids.of(0)).isEqualTo("7F00000100002A9F0000000000000000");
        assertThat(ids.join(new long[] {0x40A, 0x4D0}))
                .isEqualTo("7F00000100002A9F000000000000040A,7F00000100002A9F00000000000004D0");
    }
}
