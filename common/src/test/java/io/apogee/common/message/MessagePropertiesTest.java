package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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
    }

    @Test
    void shouldIgnoreEntriesWithAnEmptyNameOrValueEverywhere() {
        String props = "TAGS\u0001\u0002\u0001orphan\u0002noSeparator\u0002KEYS\u0001K\u0002";
        List<String> visited = new ArrayList<>();

        MessageProperties.forEachEntry(props, (p, from, sep, end) -> visited.add(p.substring(from, end)));

        assertThat(MessageProperties.valueOf(props, "TAGS")).isNull();
        assertThat(MessageProperties.find(props, "TAGS")).isEqualTo(MessageProperties.ABSENT);
        assertThat(MessageProperties.valueOf(props, "")).isNull();
        assertThat(visited).containsExactly("KEYS\u0001K");
        assertThat(PropertyEditor.of(props).render()).isEqualTo("KEYS\u0001K\u0002");
        assertThat(MessageProperties.appendWith(new StringBuilder(), props, "CLUSTER", "C").toString())
                .isEqualTo("KEYS\u0001K\u0002CLUSTER\u0001C\u0002");
    }

    @Test
    void shouldKeepSeparatorsInsideAValue() {
        String props = "A\u0001x\u0001y\u0002";

        assertThat(MessageProperties.valueOf(props, "A")).isEqualTo("x\u0001y");
        assertThat(PropertyEditor.of(props).get("A")).isEqualTo("x\u0001y");
    }

    @Test
    void shouldFindAValueWithoutCopyingIt() {
        String props = "KEYS\u0001k1 k2\u0002TAGS\u0001TagA";

        long range = MessageProperties.find(props, "TAGS");

        assertThat(props.substring(MessageProperties.start(range), MessageProperties.end(range))).isEqualTo("TagA");
        assertThat(MessageProperties.find(props, "KEY")).isEqualTo(MessageProperties.ABSENT);
    }

    @Test
    void shouldSetClusterReplacingAnExistingOne() {
        String rebuilt = MessageProperties.appendWith(new StringBuilder(),
                "CLUSTER\u0001old\u0002TAGS\u0001T\u0002\u0002bad\u0002", "CLUSTER", "C1").toString();

        assertThat(rebuilt).isEqualTo("TAGS\u0001T\u0002CLUSTER\u0001C1\u0002");
    }

    @Test
    void shouldTerminateOldStyleStringsWhenRebuilding() {
        String rebuilt = MessageProperties.appendWith(new StringBuilder(), "TAGS\u0001T", "CLUSTER", "C1").toString();

        assertThat(rebuilt).isEqualTo("TAGS\u0001T\u0002CLUSTER\u0001C1\u0002");
    }

    @Test
    void shouldEditKeepingOrderAndDropEmptyValues() {
        PropertyEditor editor = PropertyEditor.of("A\u00011\u0002B\u00012\u0002C\u00013")
                .set("A", "9").remove("B").setIfAbsent("C", "x").setIfAbsent("D", "4").set("C", "");

        assertThat(editor.render()).isEqualTo("A\u00019\u0002D\u00014\u0002");
    }

    @Test
    void shouldComputeTheTagCodeFromTags() {
        assertThat(MessageProperties.tagsCode("TAGS\u0001TagA\u0002")).isEqualTo("TagA".hashCode());
        assertThat(MessageProperties.tagsCode("KEYS\u0001k\u0002")).isZero();
    }

    @Test
    void shouldGenerateDistinct32CharacterUniqKeys() {
        UniqKeyGenerator keys = new UniqKeyGenerator(new byte[] {127, 0, 0, 1});

        assertThat(keys.next()).hasSize(32).startsWith("7F000001").isNotEqualTo(keys.next());
    }

    @Test
    void shouldEncodeOffsetMsgIdAsHostPortAndOffset() {
        OffsetMsgId ids = new OffsetMsgId(new InetSocketAddress("127.0.0.1", 10911));

        assertThat(ids.of(0)).isEqualTo("7F00000100002A9F0000000000000000");
        assertThat(ids.join(new long[] {0x40A, 0x4D0}))
                .isEqualTo("7F00000100002A9F000000000000040A,7F00000100002A9F00000000000004D0");
    }
}
