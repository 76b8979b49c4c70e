package io.apogee.broker.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.FakeNameServer;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.io.MetadataWriter;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.body.RegisterBrokerBody;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameServerRegistrarTest {

    @TempDir
    Path dir;

    private final FakeNameServer ns1 = new FakeNameServer();
    private final FakeNameServer ns2 = new FakeNameServer();
    private final MetadataWriter writer = new MetadataWriter("test-metadata-writer");
    private NameServerRegistrar registrar;

    @AfterEach
    void stop() {
        if (registrar != null) {
            registrar.close();
        }
        writer.close();
        ns1.close();
        ns2.close();
    }

    private TopicTable start(String namesrvAddr) throws Exception {
        return start(namesrvAddr, 0);
    }

    private TopicTable start(String namesrvAddr, long brokerId) throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.namesrvAddr = namesrvAddr;
        config.brokerId = brokerId;
        TopicTable topics = new TopicTable(config, dir, writer);
        topics.load();
        registrar = new NameServerRegistrar(config, new BrokerAddress("10.0.0.5", 10911), 10912, topics,
                (master, ha) -> { });
        topics.setChangeListener(registrar);
        registrar.start();
        return topics;
    }

    @Test
    void shouldRegisterFullTableWithEveryNameServerAtStart() throws Exception {
        start(ns1.address() + ";" + ns2.address());

        await().atMost(Duration.ofSeconds(5)).until(() -> !ns1.registrations.isEmpty() && !ns2.registrations.isEmpty());
        RemotingCommand r = ns1.registrations.get(0);
        assertThat(r.ext("brokerName")).isEqualTo("broker-a");
        assertThat(r.ext("brokerAddr")).isEqualTo("10.0.0.5:10911");
        assertThat(r.ext("clusterName")).isEqualTo("DefaultCluster");
        assertThat(r.ext("haServerAddr")).isEqualTo("10.0.0.5:10912");
        assertThat(r.ext("brokerId")).isEqualTo("0");
        assertThat(r.ext("compressed")).isEqualTo("false");
        assertThat(r.ext("bodyCrc32")).isEqualTo(String.valueOf(RegistrationHeaders.crc32(r.body())));
        RegisterBrokerBody body = ns1.body(0);
        assertThat(body.topicConfigSerializeWrapper.topicConfigTable).containsKeys("TBW102", "DefaultCluster");
    }

    @Test
    void shouldKeepRegisteringASlaveEveryFewSecondsWhileNoAnswerNamesItsMaster() throws Exception {
        start(ns1.address(), 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> ns1.registrations.size() >= 3);
        assertThat(ns1.registrations.get(0).ext("brokerId")).isEqualTo("1");
    }

    @Test
    void shouldRegisterOnlyTheCreatedTopicWithANewerDataVersion() throws Exception {
        TopicTable topics = start(ns1.address());
        await().atMost(Duration.ofSeconds(5)).until(() -> ns1.registrations.size() == 1);
        long fullCounter = ns1.body(0).topicConfigSerializeWrapper.dataVersion.counter;

        topics.createOrGet("TopicA", 4, 6, 0).ready().join();

        assertThat(ns1.registrations).hasSize(2);
        RegisterBrokerBody body = ns1.body(1);
        assertThat(body.topicConfigSerializeWrapper.topicConfigTable).containsOnlyKeys("TopicA");
        assertThat(body.topicConfigSerializeWrapper.dataVersion.counter).isGreaterThan(fullCounter);
    }

    @Test
    void shouldUnregisterAtClose() throws Exception {
        start(ns1.address());

        registrar.close();

        assertThat(ns1.unregistrations).hasSize(1);
        assertThat(ns1.unregistrations.get(0).ext("brokerAddr")).isEqualTo("10.0.0.5:10911");
    }

    @Test
    void shouldSurviveAnUnreachableNameServer() throws Exception {
        String dead = "127.0.0.1:1";
        TopicTable topics = start(dead + ";" + ns1.address());

        topics.createOrGet("TopicA", 4, 6, 0).ready().join();

        await().atMost(Duration.ofSeconds(5)).until(() -> ns1.hasRegistrationOfExactly("TopicA"));
    }

    @Test
    void shouldSplitNameServerList() {
        assertThat(NameServerRegistrar.parse(" a:1; ;b:2;")).containsExactly("a:1", "b:2");
        assertThat(NameServerRegistrar.parse("")).isEmpty();
    }
}
