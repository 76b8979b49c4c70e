package io.apogee.tools.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    /** One V1 record with IPv4 hosts (docs/protocol/09-message-format.md §2). */
    static byte[] record(String topic, byte[] body, String props, int sysFlag, long queueOffset, long physical) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] p = props.getBytes(StandardCharsets.UTF_8);
        int size = 91 + body.length + t.length + p.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(size).putInt(RecordDecoder.MAGIC_V1).putInt(7).putInt(2).putInt(0).putLong(queueOffset)
                .putLong(physical).putInt(sysFlag).putLong(1000L).put(new byte[] {10, 0, 0, 1}).putInt(4321)
                .putLong(2000L).put(new byte[] {127, 0, 0, 1}).putInt(10911).putInt(0).putLong(0L)
                .putInt(body.length).put(body).put((byte) t.length).put(t).putShort((short) p.length).put(p);
        return b.array();
    }

    @Test
    void shouldDecodeEveryFieldOfAStoredRecord() {
        byte[] bytes = record("TopicA", "hello".getBytes(StandardCharsets.UTF_8),
                "KEYS\u0001k1 k2\u0002UNIQ_KEY\u0001ABC\u0002TAGS\u0001TagA\u0002", 0, 5, 240);

        MessageRecord m = RecordDecoder.decodeAll(bytes).get(0);

        assertThat(m.topic()).isEqualTo("TopicA");
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(m.queueId()).isEqualTo(2);
        assertThat(m.queueOffset()).isEqualTo(5);
        assertThat(m.commitLogOffset()).isEqualTo(240);
        assertThat(m.bornHost()).isEqualTo("10.0.0.1:4321");
        assertThat(m.storeHost()).isEqualTo("127.0.0.1:10911");
        assertThat(m.tags()).isEqualTo("TagA");
        assertThat(m.keys()).isEqualTo("k1 k2");
        assertThat(m.msgId()).isEqualTo("ABC");
        assertThat(m.offsetMsgId()).isEqualTo("7F00000100002A9F00000000000000F0");
    }

    @Test
    void shouldStopAtATruncatedRecordLikeTheClients() {
        byte[] one = record("T", new byte[3], "", 0, 0, 0);
        byte[] two = record("T", new byte[3], "", 0, 1, one.length);
        byte[] both = new byte[one.length + two.length - 4];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length - 4);

        assertThat(RecordDecoder.decodeAll(both)).hasSize(1);
        assertThat(RecordDecoder.decodeAll(null)).isEmpty();
    }

    @Test
    void shouldInflateZlibCompressedBodies() {
        byte[] plain = "x".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(5);
        deflater.setInput(plain);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();

        MessageRecord m = RecordDecoder.decodeAll(record("T", out.toByteArray(), "", 0x301, 0, 0)).get(0);

        assertThat(Arrays.equals(m.body(), plain)).isTrue();
    }
}
