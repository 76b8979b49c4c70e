package io.apogee.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.common.io.MetadataWriteException;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.body.TopicConfig;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicTableTest {

    @TempDir
    Path dir;
    private final MetadataWriter writer = new MetadataWriter("test-metadata-writer");

    @AfterEach
    void stopWriter() {
        writer.close();
    }

    private TopicTable load(BrokerConfig config) throws Exception {
        TopicTable table = new TopicTable(config, dir, writer);
        table.load();
        return table;
    }

    @Test
    void shouldAddBuiltInTopicsAtFirstLoad() throws Exception {
        TopicTable table = load(new BrokerConfig());

        assertThat(table.find("TBW102").perm).isEqualTo(7);
        assertThat(table.find("TBW102").writeQueueNums).isEqualTo(8);
        assertThat(table.find("DefaultCluster").writeQueueNums).isEqualTo(16);
        assertThat(table.find("broker-a").writeQueueNums).isEqualTo(1);
        assertThat(table.find("SELF_TEST_TOPIC").perm).isEqualTo(6);
        assertThat(table.find("OFFSET_MOVED_EVENT").perm).isEqualTo(6);
        assertThat(table.find("RMQ_SYS_TRACE_TOPIC").perm).isEqualTo(6);
        assertThat(table.find("RMQ_SYS_TRACE_TOPIC").writeQueueNums).isEqualTo(1);
        assertThat(table.find("Unknown")).isNull();
    }

    @Test
    void shouldCreateTheConfiguredTraceTopicOrNoneWhenTraceTopicIsDisabled() throws Exception {
        BrokerConfig named = new BrokerConfig();
        named.msgTraceTopicName = "MyTraceTopic";
        assertThat(load(named).find("MyTraceTopic").readQueueNums).isEqualTo(1);

        BrokerConfig disabled = new BrokerConfig();
        disabled.traceTopicEnable = false;
        Path other = Files.createDirectories(dir.resolve("other"));
        TopicTable table = new TopicTable(disabled, other, writer);
        table.load();
        assertThat(table.find("RMQ_SYS_TRACE_TOPIC")).isNull();
    }

    @Test
    void shouldLeaveOutTemplateWhenAutoCreateIsDisabled() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.autoCreateTopicEnable = false;

        assertThat(load(config).find("TBW102")).isNull();
    }

    @Test
    void shouldPersistCreatedTopicsAcrossReload() throws Exception {
        TopicTable table = load(new BrokerConfig());
        long before = table.dataVersion().counter;
        table.createOrGet("TopicA", 4, 6, 0).ready().join();

        TopicTable reloaded = load(new BrokerConfig());

        assertThat(reloaded.find("TopicA").writeQueueNums).isEqualTo(4);
        assertThat(reloaded.dataVersion().counter).isEqualTo(before + 1);
        TopicConfigSerializeWrapper file = JsonCodec.decode(Files.readAllBytes(dir.resolve("topics.json")),
                TopicConfigSerializeWrapper.class);
        assertThat(file.topicConfigTable).containsKey("TopicA");
    }

    @Test
    void shouldReturnExistingConfigWithoutAnnouncingAgain() throws Exception {
        TopicTable table = load(new BrokerConfig());
        List<TopicConfig> announced = new CopyOnWriteArrayList<>();
        table.setChangeListener(changed -> {
            announced.addAll(changed);
            return CompletableFuture.completedFuture(null);
        });

        TopicConfig first = table.createIfAbsent("TopicA", 4, 6, 0);
        TopicCreation second = table.createOrGet("TopicA", 8, 6, 0);
        second.ready().join();

        assertThat(second.created()).isFalse();
        assertThat(second.config()).isSameAs(first);
        assertThat(announced).extracting(t -> t.topicName).containsExactly("TopicA");
    }

    @Test
    void shouldReplaceConfigOnUpdateAndBumpVersion() throws Exception {
        TopicTable table = load(new BrokerConfig());
        table.createIfAbsent("TopicA", 4, 6, 0);
        long before = table.dataVersion().counter;
        TopicConfig changed = new TopicConfig("TopicA", 2, 4);

        table.update(changed).join();

        assertThat(table.find("TopicA").writeQueueNums).isEqualTo(2);
        assertThat(table.find("TopicA").perm).isEqualTo(4);
        assertThat(table.dataVersion().counter).isEqualTo(before + 1);
    }

    @Test
    void shouldBeReadyOnlyOnceWrittenAndAnnounced() throws Exception {
        TopicTable table = load(new BrokerConfig());
        CompletableFuture<Void> nameServersAnswered = new CompletableFuture<>();
        table.setChangeListener(changed -> nameServersAnswered);

        TopicCreation created = table.createOrGet("TopicA", 4, 6, 0);

        assertThat(table.find("TopicA")).as("usable in memory at once").isNotNull();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(dir.resolve("topics.json")).contains("TopicA"));
        assertThat(created.ready()).isNotDone();
        assertThat(table.ready("TopicA")).isSameAs(created.ready());
        nameServersAnswered.complete(null);
        created.ready().join();
        assertThat(table.ready("TopicA")).isDone();
    }

    @Test
    void shouldReportAFailedWriteNamingTheFileAndWriteAgainWhenAskedLater() throws Exception {
        TopicTable table = load(new BrokerConfig());
        Path blocker = Files.createDirectory(dir.resolve("topics.json.tmp"));

        CompletableFuture<Void> ready = table.createOrGet("TopicA", 4, 6, 0).ready();

        assertThatThrownBy(ready::join).hasCauseInstanceOf(MetadataWriteException.class)
                .hasMessageContaining("topics.json");
        assertThat(table.find("TopicA")).as("kept in memory").isNotNull();
        Files.delete(blocker);
        table.ready("TopicA").join();
        assertThat(Files.readString(dir.resolve("topics.json"))).contains("TopicA");
        assertThat(table.ready("TopicA")).isDone();
    }
}
