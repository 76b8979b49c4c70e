package io.apogee.tools.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden records written as the Apache 4.9.8 and 5.4.0 clients' TraceDataEncoder lays them out. */
class TraceRecordDecoderTest {

    static final String MSG_ID = "7F000001486718B4AAC2633F6E4A0000";
    static final String PUB = "Pub\u00011700000000123\u0001DefaultRegion\u0001PG_A\u0001TopicA\u0001" + MSG_ID
            + "\u0001TagA\u0001k1 k2\u0001127.0.0.1:10911\u000111\u00013\u00010\u0001"
            + "7F00000100002A9F00000000000000F0\u0001true\u0002";
    static final String SUB_BEFORE = "SubBefore\u00011700000000200\u0001DefaultRegion\u0001CG_A\u0001req-1\u0001"
            + MSG_ID + "\u00010\u0001k1 k2\u0002";
    static final String SUB_AFTER = "SubAfter\u0001req-1\u0001" + MSG_ID + "\u00014\u0001true\u0001k1 k2\u00010\u0001"
            + "1700000000205\u0001CG_A\u0002";
    static final String END_TRANSACTION = "EndTransaction\u00011700000000300\u0001DefaultRegion\u0001PG_T\u0001"
            + "TopicT\u0001" + MSG_ID + "\u0001null\u0001null\u0001127.0.0.1:10911\u00011\u0001" + MSG_ID
            + "\u0001COMMIT_MESSAGE\u0001false\u0002";
    static final String RECALL = "Recall\u00011700000000400\u0001DefaultRegion\u0001PG_A\u0001TopicA\u0001" + MSG_ID
            + "\u0001true\u0002";

    @Test
    void shouldDecodeEveryFieldOfAPubRecord() {
        TraceRecord pub = TraceRecordDecoder.decode(PUB, "10.0.0.7").get(0);

        assertThat(pub.type()).isEqualTo(TraceType.Pub);
        assertThat(pub.timestamp()).isEqualTo(1700000000123L);
        assertThat(pub.regionId()).isEqualTo("DefaultRegion");
        assertThat(pub.group()).isEqualTo("PG_A");
        assertThat(pub.topic()).isEqualTo("TopicA");
        assertThat(pub.msgId()).isEqualTo(MSG_ID);
        assertThat(pub.tags()).isEqualTo("TagA");
        assertThat(pub.keys()).isEqualTo("k1 k2");
        assertThat(pub.storeHost()).isEqualTo("127.0.0.1:10911");
        assertThat(pub.bodyLength()).isEqualTo(11);
        assertThat(pub.costTime()).isEqualTo(3);
        assertThat(pub.messageType()).isEqualTo("Normal_Msg");
        assertThat(pub.offsetMsgId()).isEqualTo("7F00000100002A9F00000000000000F0");
        assertThat(pub.status()).isEqualTo("success");
        assertThat(pub.clientHost()).isEqualTo("10.0.0.7");
    }

    @Test
    void shouldDecodeTheConsumeRecordsLinkedByTheirRequestId() {
        List<TraceRecord> records = TraceRecordDecoder.decode(SUB_BEFORE + SUB_AFTER, "10.0.0.8");

        assertThat(records).extracting(TraceRecord::type).containsExactly(TraceType.SubBefore, TraceType.SubAfter);
        TraceRecord before = records.get(0);
        assertThat(before.timestamp()).isEqualTo(1700000000200L);
        assertThat(before.group()).isEqualTo("CG_A");
        assertThat(before.requestId()).isEqualTo("req-1");
        assertThat(before.retryTimes()).isZero();
        assertThat(before.keys()).isEqualTo("k1 k2");
        TraceRecord after = records.get(1);
        assertThat(after.requestId()).isEqualTo("req-1");
        assertThat(after.msgId()).isEqualTo(MSG_ID);
        assertThat(after.costTime()).isEqualTo(4);
        assertThat(after.success()).isTrue();
        assertThat(after.contextCode()).isZero();
        assertThat(after.timestamp()).isEqualTo(1700000000205L);
        assertThat(after.group()).isEqualTo("CG_A");
        assertThat(after.regionId()).isNull();
    }

    @Test
    void shouldDecodeTransactionEndsAndRecalls() {
        List<TraceRecord> records = TraceRecordDecoder.decode(END_TRANSACTION + RECALL, "10.0.0.9");

        TraceRecord end = records.get(0);
        assertThat(end.type()).isEqualTo(TraceType.EndTransaction);
        assertThat(end.messageType()).isEqualTo("Trans_Msg_Half");
        assertThat(end.transactionId()).isEqualTo(MSG_ID);
        assertThat(end.transactionState()).isEqualTo("COMMIT_MESSAGE");
        assertThat(end.fromTransactionCheck()).isFalse();
        assertThat(end.tags()).isEqualTo("null");
        TraceRecord recall = records.get(1);
        assertThat(recall.type()).isEqualTo(TraceType.Recall);
        assertThat(recall.topic()).isEqualTo("TopicA");
        assertThat(recall.success()).isTrue();
    }

    @Test
    void shouldReadTheShorterFormsOfOlderAndCloudClients() {
        String pubWithoutOffsetId = "Pub\u00011\u0001R\u0001PG\u0001T\u0001" + MSG_ID
                + "\u0001null\u0001null\u0001h:1\u00015\u00012\u00013\u0001false\u0002";
        String subAfterOfTheCloudChannel = "SubAfter\u0001req\u0001" + MSG_ID + "\u00011\u0001false\u0001null\u00012"
                + "\u0001\u0002";

        List<TraceRecord> records = TraceRecordDecoder.decode(pubWithoutOffsetId + subAfterOfTheCloudChannel, "h");

        assertThat(records.get(0).offsetMsgId()).isNull();
        assertThat(records.get(0).messageType()).isEqualTo("Delay_Msg");
        assertThat(records.get(0).status()).isEqualTo("failed");
        assertThat(records.get(1).contextCode()).isEqualTo(2);
        assertThat(records.get(1).group()).isNull();
        assertThat(records.get(1).timestamp()).isZero();
    }

    @Test
    void shouldSkipUnknownAndMalformedRecordsButKeepTheOthers() {
        String unknown = "Future\u00011\u0002";
        String truncated = "Pub\u00011\u0001R\u0002";
        String notANumber = "SubBefore\u0001soon\u0001R\u0001CG\u0001req\u0001" + MSG_ID + "\u00010\u0001k\u0002";

        List<TraceRecord> records = TraceRecordDecoder.decode(unknown + truncated + notANumber + RECALL, "h");

        assertThat(records).extracting(TraceRecord::type).containsExactly(TraceType.Recall);
        assertThat(TraceRecordDecoder.decode("", "h")).isEmpty();
        assertThat(TraceRecordDecoder.decode(null, "h")).isEmpty();
    }
}
