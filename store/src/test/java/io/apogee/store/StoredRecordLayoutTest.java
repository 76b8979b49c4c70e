package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored record bytes against the captured record of docs/protocol/13-test-vectors.md §4. */
class StoredRecordLayoutTest {

    private static final String VECTOR_PROPERTIES = "MSG_REGION\u0001DefaultRegion\u0002"
            + "UNIQ_KEY\u0001FD0000000000000000000000000000023D3D30946E096C7C94150000\u0002"
            + "CLUSTER\u0001DefaultCluster\u0002TAGS\u0001TagA\u0002KEYS\u0001KeyA\u0002WAIT\u0001true\u0002"
            + "TRACE_ON\u0001true\u0002";
    private static final String VECTOR_HEAD = "00000104" + "daa320a7" + "3610a686" + "00000001" + "00000000"
            + "0000000000000000" + "0000000000000000" + "00000000" + "000001a200e47c16" + "7f0000010000cc14";
    private static final String VECTOR_AFTER_STORE_TIME = "7f00000100002a9f" + "00000000" + "0000000000000000"
            + "00000005" + "68656c6c6f" + "06" + "546f70696341" + "009e";

    @TempDir
    Path dir;
    private MessageStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldWriteTheCapturedRecordByteForByteExceptStoreTimestamp() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
        MessageDraft m = StoreFixture.draft("TopicA", 1, "hello", null);
        m.properties = VECTOR_PROPERTIES.getBytes(StandardCharsets.UTF_8);
        m.bornTimestamp = 0x1a200e47c16L;
        m.bornHost = new InetSocketAddress("127.0.0.1", 52244);
        m.storeHost = new InetSocketAddress("127.0.0.1", 10911);

        PutResult result = store.put(m).join();
        ByteBuffer record = store.lookMessageByOffset(result.wroteOffset());

        assertThat(result.status()).isEqualTo(PutStatus.PUT_OK);
        assertThat(record.remaining()).isEqualTo(260);
        byte[] bytes = new byte[260];
        record.get(0, bytes);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(bytes, 0, 56)).isEqualTo(VECTOR_HEAD);
        assertThat(record.getLong(56)).isEqualTo(result.storeTimestamp());
        assertThat(hex.formatHex(bytes, 64, 102)).isEqualTo(VECTOR_AFTER_STORE_TIME);
        assertThat(new String(bytes, 102, 158, StandardCharsets.UTF_8)).isEqualTo(VECTOR_PROPERTIES);
    }

    @Test
    void shouldDecodeEveryFieldWithStoredMessage() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
        StoreFixture.put(store, "TopicA", 0, "first");
        MessageDraft m = StoreFixture.draft("TopicA", 0, "second", "TagB");
        m.flag = 7;
        m.reconsumeTimes = 3;
        m.preparedTransactionOffset = 99;
        PutResult r = store.put(m).join();

        ByteBuffer rec = store.lookMessageByOffset(r.wroteOffset());

        assertThat(StoredMessage.totalSize(rec)).isEqualTo(r.wroteBytes());
        assertThat(StoredMessage.queueId(rec)).isZero();
        assertThat(StoredMessage.flag(rec)).isEqualTo(7);
        assertThat(StoredMessage.queueOffset(rec)).isEqualTo(1);
        assertThat(StoredMessage.physicalOffset(rec)).isEqualTo(r.wroteOffset());
        assertThat(StoredMessage.storeTimestamp(rec)).isEqualTo(r.storeTimestamp());
        assertThat(StoredMessage.reconsumeTimes(rec)).isEqualTo(3);
        assertThat(StoredMessage.preparedTransactionOffset(rec)).isEqualTo(99);
        assertThat(StoredMessage.topic(rec)).isEqualTo("TopicA");
        assertThat(StoreFixture.body(rec)).isEqualTo("second");
        assertThat(StoredMessage.property(rec, "TAGS")).isEqualTo("TagB");
        assertThat(StoredMessage.property(rec, "KEYS")).isNull();
    }

    @Test
    void shouldUseIpv6HostLayoutAndSetTheHostFlags() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
        MessageDraft m = StoreFixture.draft("TopicA", 0, "v6", null);
        m.bornHost = new InetSocketAddress("::1", 1234);
        m.sysFlag = StoredMessage.FLAG_STOREHOST_V6;

        PutResult r = store.put(m).join();
        ByteBuffer rec = store.lookMessageByOffset(r.wroteOffset());

        assertThat(StoredMessage.sysFlag(rec)).isEqualTo(StoredMessage.FLAG_BORNHOST_V6);
        assertThat(r.wroteBytes()).isEqualTo(91 + 12 + 2 + 6);
        assertThat(StoredMessage.storeTimestamp(rec)).isEqualTo(r.storeTimestamp());
        assertThat(StoreFixture.body(rec)).isEqualTo("v6");
    }

    @Test
    void shouldUseMagicV2ForTopicsLongerThan127Bytes() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
        String topic = "T".repeat(200);

        PutResult r = store.put(StoreFixture.draft(topic, 0, "long", null)).join();
        ByteBuffer rec = store.lookMessageByOffset(r.wroteOffset());

        assertThat(StoredMessage.magic(rec, 0)).isEqualTo(StoredMessage.MAGIC_V2);
        assertThat(StoredMessage.topic(rec)).isEqualTo(topic);
        assertThat(r.wroteBytes()).isEqualTo(92 + 4 + 200);
    }

    @Test
    void shouldRewriteTopicAndPropertiesKeepingEveryOtherField() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
        MessageDraft m = StoreFixture.draft("%RETRY%G_TopicA", 0, "hello", null);
        m.properties = "TAGS\u0001TagA\u0002".getBytes(StandardCharsets.UTF_8);
        m.reconsumeTimes = 2;
        ByteBuffer record = store.lookMessageByOffset(store.put(m).join().wroteOffset());

        ByteBuffer copy = StoredMessage.rewrite(record, "TopicA",
                "TAGS\u0001TagA\u0002POP_CK\u00011 2 3 0 1 b 0 4\u0002");

        assertThat(StoredMessage.topic(copy)).isEqualTo("TopicA");
        assertThat(StoredMessage.property(copy, "POP_CK")).isEqualTo("1 2 3 0 1 b 0 4");
        assertThat(StoredMessage.totalSize(copy)).isEqualTo(copy.capacity());
        assertThat(StoredMessage.body(copy)).isEqualTo(StoredMessage.body(record));
        assertThat(StoredMessage.bodyCrc(copy)).isEqualTo(StoredMessage.bodyCrc(record));
        assertThat(StoredMessage.queueOffset(copy)).isEqualTo(StoredMessage.queueOffset(record));
        assertThat(StoredMessage.reconsumeTimes(copy)).isEqualTo(2);
        assertThat(StoredMessage.storeTimestamp(copy)).isEqualTo(StoredMessage.storeTimestamp(record));
    }
}
