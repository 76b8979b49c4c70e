package io.apogee.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Appends and reads through the public store API on small real files. */
class MessageStoreAppendReadTest {

    @TempDir
    Path dir;
    private MessageStore store;

    @BeforeEach
    void startStore() throws Exception {
        store = StoreFixture.started(StoreFixture.config(dir));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldRollToNewFilesWithBlankFillerAndReadAcrossThem() throws Exception {
        String filler = "x".repeat(3000);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String body = String.format("%02d", i) + filler;
            sent.add(body);
            assertThat(StoreFixture.put(store, "TopicA", 0, body).status()).isEqualTo(PutStatus.PUT_OK);
        }
        StoreFixture.awaitDispatched(store);

        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("commitlog"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        assertThat(files.get(1).getFileName().toString()).isEqualTo("00000000000000065536");
        ByteBuffer first = ByteBuffer.wrap(Files.readAllBytes(files.get(0)));
        int blankAt = 21 * (91 + 3002 + 6);
        assertThat(first.getInt(blankAt + 4)).isEqualTo(StoredMessage.MAGIC_BLANK);
        assertThat(first.getInt(blankAt)).isEqualTo(StoreFixture.COMMIT_LOG_FILE - blankAt);

        assertThat(StoreFixture.allBodies(store, "TopicA", 0)).isEqualTo(sent);
        GetResult all = store.get("TopicA", 0, 15, 20, 1 << 20, null);
        assertThat(all.messageCount()).isEqualTo(20);
        assertThat(all.records()).extracting(StoredMessage::queueOffset)
                .containsExactlyElementsOf(IntStream.range(15, 35).mapToObj(i -> (long) i).toList());
        assertThat(all.records().get(10).isReadOnly()).isTrue();
    }

    @Test
    void shouldWriteBatchAsConsecutiveRecordsWithConsecutiveQueueOffsets() {
        StoreFixture.put(store, "TopicB", 2, "before");
        List<MessageDraft> batch = List.of(StoreFixture.draft("TopicB", 2, "b0", null),
                StoreFixture.draft("TopicB", 2, "b1", null), StoreFixture.draft("TopicB", 2, "b2", null));

        PutResult r = store.putBatch(batch).join();

        assertThat(r.status()).isEqualTo(PutStatus.PUT_OK);
        assertThat(r.msgCount()).isEqualTo(3);
        assertThat(r.queueOffset()).isEqualTo(1);
        assertThat(r.wroteOffsets()).hasSize(3);
        assertThat(r.wroteOffsets()[1] - r.wroteOffsets()[0]).isEqualTo(91 + 2 + 6);
        StoreFixture.awaitDispatched(store);
        assertThat(StoreFixture.allBodies(store, "TopicB", 2)).containsExactly("before", "b0", "b1", "b2");
    }

    @Test
    void shouldHaveEveryAppendedRecordInItsQueueOnceDispatchIsAwaited() {
        for (int i = 0; i < 50; i++) {
            StoreFixture.put(store, "TopicW", 1, "m" + i);
        }

        assertThat(store.awaitDispatch(10_000)).isTrue();

        assertThat(store.dispatchedOffset()).isEqualTo(store.commitLogMaxOffset());
        assertThat(store.maxOffsetInQueue("TopicW", 1)).isEqualTo(50);
    }

    @Test
    void shouldRejectBatchesThatMixQueues() {
        PutResult r = store.putBatch(List.of(StoreFixture.draft("TopicB", 1, "a", null),
                StoreFixture.draft("TopicB", 2, "b", null))).join();

        assertThat(r.status()).isEqualTo(PutStatus.MESSAGE_ILLEGAL);
        assertThat(r.reason()).contains("TopicB/1", "TopicB/2");
    }

    @Test
    void shouldRejectOversizedBodyNamingSizeAndLimit() {
        MessageDraft m = StoreFixture.draft("TopicA", 0, "", null);
        m.body = new byte[32 * 1024 + 1];

        PutResult r = store.put(m).join();

        assertThat(r.status()).isEqualTo(PutStatus.MESSAGE_ILLEGAL);
        assertThat(r.reason()).contains("32769", "32768");
        assertThat(store.commitLogMaxOffset()).isZero();
    }

    @Test
    void shouldRejectOversizedPropertiesAndTopic() {
        MessageDraft props = StoreFixture.draft("TopicA", 0, "p", null);
        props.properties = new byte[40_000];
        MessageDraft topic = StoreFixture.draft("T".repeat(256), 0, "t", null);
        MessageDraft path = StoreFixture.draft("../evil", 0, "t", null);

        assertThat(store.put(props).join().status()).isEqualTo(PutStatus.PROPERTIES_SIZE_EXCEEDED);
        assertThat(store.put(topic).join().reason()).contains("256");
        assertThat(store.put(path).join().status()).isEqualTo(PutStatus.MESSAGE_ILLEGAL);
    }

    @Test
    void shouldAnswerEveryGetStatus() {
        assertThat(store.get("TopicC", 0, 0, 10, 1 << 20, null).status()).isEqualTo(GetStatus.NO_MESSAGE_IN_QUEUE);
        for (int i = 0; i < 3; i++) {
            StoreFixture.put(store, "TopicC", 0, "m" + i);
        }
        StoreFixture.awaitDispatched(store);

        GetResult one = store.get("TopicC", 0, 3, 10, 1 << 20, null);
        GetResult badly = store.get("TopicC", 0, 9, 10, 1 << 20, null);
        GetResult small = store.get("TopicC", 0, -1, 10, 1 << 20, null);
        GetResult found = store.get("TopicC", 0, 1, 10, 1 << 20, null);

        assertThat(one.status()).isEqualTo(GetStatus.OFFSET_OVERFLOW_ONE);
        assertThat(one.nextBeginOffset()).isEqualTo(3);
        assertThat(badly.status()).isEqualTo(GetStatus.OFFSET_OVERFLOW_BADLY);
        assertThat(badly.nextBeginOffset()).isEqualTo(3);
        assertThat(small.status()).isEqualTo(GetStatus.OFFSET_TOO_SMALL);
        assertThat(small.nextBeginOffset()).isZero();
        assertThat(found.status()).isEqualTo(GetStatus.FOUND);
        assertThat(found.messageCount()).isEqualTo(2);
        assertThat(found.nextBeginOffset()).isEqualTo(3);
        assertThat(found.minOffset()).isZero();
        assertThat(found.maxOffset()).isEqualTo(3);
        found.release();
        found.release();
        assertThat(found.records()).isEmpty();
    }

    @Test
    void shouldFilterByTagsCodeAndReportNoMatchedMessage() {
        for (int i = 0; i < 6; i++) {
            store.put(StoreFixture.draft("TopicT", 0, "m" + i, i % 2 == 0 ? "TagA" : "TagB")).join();
        }
        StoreFixture.awaitDispatched(store);
        MessageFilter onlyA = tagsCode -> tagsCode == "TagA".hashCode();
        MessageFilter none = tagsCode -> false;
        MessageFilter recordLevel = new MessageFilter() {
            @Override
            public boolean matchesTagsCode(long tagsCode) {
                return true;
            }

            @Override
            public boolean matchesRecord(ByteBuffer record) {
                return StoreFixture.body(record).equals("m5");
            }
        };

        GetResult a = store.get("TopicT", 0, 0, 10, 1 << 20, onlyA);
        GetResult nothing = store.get("TopicT", 0, 0, 10, 1 << 20, none);
        GetResult five = store.get("TopicT", 0, 0, 10, 1 << 20, recordLevel);

        assertThat(a.records()).extracting(StoreFixture::body).containsExactly("m0", "m2", "m4");
        assertThat(nothing.status()).isEqualTo(GetStatus.NO_MATCHED_MESSAGE);
        assertThat(nothing.nextBeginOffset()).isEqualTo(6);
        assertThat(five.records()).extracting(StoreFixture::body).containsExactly("m5");
    }

    @Test
    void shouldLimitByMessageCountAndBytesButReturnAtLeastOne() {
        for (int i = 0; i < 5; i++) {
            StoreFixture.put(store, "TopicL", 0, "m" + i);
        }
        StoreFixture.awaitDispatched(store);

        GetResult two = store.get("TopicL", 0, 0, 2, 1 << 20, null);
        GetResult tiny = store.get("TopicL", 0, 0, 10, 1, null);

        assertThat(two.messageCount()).isEqualTo(2);
        assertThat(two.nextBeginOffset()).isEqualTo(2);
        assertThat(tiny.messageCount()).isEqualTo(1);
        assertThat(tiny.totalBytes()).isEqualTo(91 + 2 + 6);
    }

    @Test
    void shouldFindOffsetsByStoreTime() {
        PutResult first = StoreFixture.put(store, "TopicTime", 0, "a");
        await().until(() -> System.currentTimeMillis() > first.storeTimestamp() + 2);
        PutResult second = StoreFixture.put(store, "TopicTime", 0, "b");
        StoreFixture.awaitDispatched(store);

        assertThat(store.offsetInQueueByTime("TopicTime", 0, 0)).isZero();
        assertThat(store.offsetInQueueByTime("TopicTime", 0, first.storeTimestamp() + 1)).isEqualTo(1);
        assertThat(store.offsetInQueueByTime("TopicTime", 0, second.storeTimestamp())).isEqualTo(1);
        assertThat(store.offsetInQueueByTime("TopicTime", 0, second.storeTimestamp() + 1)).isEqualTo(2);
        assertThat(store.earliestMessageTime("TopicTime", 0)).isEqualTo(first.storeTimestamp());
        assertThat(store.earliestMessageTime("Nope", 0)).isEqualTo(-1);
    }

    @Test
    void shouldSpreadQueueUnitsOverSeveralConsumeQueueFiles() throws Exception {
        for (int i = 0; i < 25; i++) {
            StoreFixture.put(store, "TopicQ", 3, "m" + i);
        }
        StoreFixture.awaitDispatched(store);

        try (Stream<Path> s = Files.list(dir.resolve("consumequeue/TopicQ/3"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("00000000000000000000", "00000000000000000200", "00000000000000000400");
        }
        assertThat(store.maxOffsetInQueue("TopicQ", 3)).isEqualTo(25);
        assertThat(store.minOffsetInQueue("TopicQ", 3)).isZero();
        assertThat(StoreFixture.allBodies(store, "TopicQ", 3)).hasSize(25).startsWith("m0").endsWith("m24");
    }

    @Test
    void shouldCallTheArrivalListenerForEveryDispatchedMessage() {
        List<String> arrivals = new CopyOnWriteArrayList<>();
        store.setArrivalListener((topic, queueId, offset, tagsCode, ts) ->
                arrivals.add(topic + "/" + queueId + "@" + offset + ":" + tagsCode));

        store.put(StoreFixture.draft("TopicArr", 1, "a", "TagA")).join();
        store.put(StoreFixture.draft("TopicArr", 1, "b", null)).join();

        await().until(() -> arrivals.size() == 2);
        assertThat(arrivals).containsExactly("TopicArr/1@0:" + "TagA".hashCode(), "TopicArr/1@1:0");
    }

    @Test
    void shouldReturnNullForOffsetsThatAreNotARecordStart() {
        PutResult r = StoreFixture.put(store, "TopicA", 0, "x");

        assertThat(store.lookMessageByOffset(r.wroteOffset())).isNotNull();
        assertThat(store.lookMessageByOffset(r.wroteOffset() + 1)).isNull();
        assertThat(store.lookMessageByOffset(r.wroteOffset() + r.wroteBytes())).isNull();
        assertThat(store.lookMessageByOffset(-5)).isNull();
    }
}
