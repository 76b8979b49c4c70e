package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** mqadmin commands against a real name server and broker started in this JVM. */
class MqAdminEndToEndTest {

    @RegisterExtension
    static final EmbeddedClusterExtension CLUSTER = new EmbeddedClusterExtension();

    private static CliRun run(String... args) {
        return CLUSTER.run(args);
    }

    @Test
    void shouldListClusterWithItsBroker() {
        CliRun run = run("clusterList");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("#Cluster Name", "DefaultCluster", "broker-a", CLUSTER.brokerAddress());
    }

    @Test
    void shouldCreateTopicAndShowItsRoute() {
        CliRun create = run("updateTopic", "-c", "DefaultCluster", "-t", "AdmTopic1", "-r", "4", "-w", "4");
        CliRun route = run("topicRoute", "-t", "AdmTopic1", "-l");
        CliRun list = run("topicList");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("create topic to " + CLUSTER.brokerAddress() + " success.",
                "TopicConfig [topicName=AdmTopic1, readQueueNums=4, writeQueueNums=4, perm=RW-");
        assertThat(route.out()).contains("#ClusterName", "DefaultCluster", "broker-a", "Total:");
        assertThat(list.out()).contains("AdmTopic1");
    }

    @Test
    void shouldFailInOneLineForUnknownTopic() {
        CliRun run = run("topicRoute", "-t", "NoSuchTopic42");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("mqadmin topicRoute: CODE: 17").doesNotContain("\n")
                .contains("NoSuchTopic42");
    }

    @Test
    void shouldSendAMessageAndReadItBackByOffset() {
        CliRun create = run("updateTopic", "-b", CLUSTER.brokerAddress(), "-t", "AdmSend", "-r", "1", "-w", "1");
        CliRun send = run("sendMessage", "-t", "AdmSend", "-p", "hello apogee", "-k", "K1", "-c", "TagX");
        CliRun read = run("queryMsgByOffset", "-t", "AdmSend", "-b", "broker-a", "-i", "0", "-o", "0", "-f", "UTF-8");
        CliRun print = run("printMsg", "-t", "AdmSend");
        CliRun consume = run("consumeMessage", "-t", "AdmSend", "-c", "5");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("#Broker Name", "#Send Result", "broker-a", "SEND_OK");
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.out()).contains("Topic:               AdmSend", "Tags:                [TagX]",
                "Keys:                [K1]", "Queue Offset:        0", "Message Body:        hello apogee");
        assertThat(print.out()).contains("minOffset=0, maxOffset=1", "MSGID: ", "BODY: hello apogee",
                "print msg finished");
        assertThat(consume.out()).contains("Consume ok", "BODY: hello apogee");
    }

    @Test
    void shouldReportBrokerStatusAndSendTimes() {
        CliRun status = run("brokerStatus", "-b", CLUSTER.brokerAddress());
        CliRun rt = run("checkMsgSendRT", "-t", "AdmRt", "-a", "3", "-s", "16");
        CliRun clusterRt = run("clusterRT", "-a", "2", "--rounds", "1", "-i", "1");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("brokerVersionDesc", ": V5_4_0");
        assertThat(rt.exitCode()).as(rt.err()).isZero();
        assertThat(rt.out()).contains("#RT", "broker-a", "true", "Avg RT:");
        assertThat(clusterRt.exitCode()).as(clusterRt.err()).isZero();
        assertThat(clusterRt.out()).contains("#successCount", "DefaultCluster", "broker-a");
    }

    @Test
    void shouldAllocateQueuesAndNameTheTopicsCluster() {
        run("updateTopic", "-c", "DefaultCluster", "-t", "AdmAlloc", "-r", "4", "-w", "4");
        CliRun allocate = run("allocateMQ", "-t", "AdmAlloc", "-i", "10.0.0.1,10.0.0.2");
        CliRun clusters = run("topicClusterList", "-t", "AdmAlloc");
        CliRun perm = run("updateTopicPerm", "-t", "AdmAlloc", "-p", "4", "-b", CLUSTER.brokerAddress());

        assertThat(allocate.out()).startsWith("{\"result\":{\"10.0.0.1\":[{\"brokerName\":\"broker-a\",\"queueId\":0,")
                .contains("\"10.0.0.2\":[{\"brokerName\":\"broker-a\",\"queueId\":2,");
        assertThat(clusters.out().strip()).isEqualTo("DefaultCluster");
        assertThat(perm.exitCode()).as(perm.err()).isZero();
        assertThat(perm.out()).contains("update topic perm from 6 to 4 in " + CLUSTER.brokerAddress() + " success.");
    }

    @Test
    void shouldPrintJsonForReadCommands() {
        CliRun topics = run("topicList", "--json");
        CliRun clusters = run("clusterList", "--json");

        assertThat(topics.exitCode()).isZero();
        assertThat(topics.out()).contains("\"topicList\" : [");
        assertThat(clusters.out()).contains("\"clusterInfo\"", "\"brokerAddrTable\"");
    }

    @Test
    void shouldRejectMissingTopicOptionAsUsageError() {
        CliRun run = run("topicRoute");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--topic=<topic>'");
    }

    @Test
    void shouldFailInOneLineWithoutNameServer() {
        CliRun run = CliRun.of("clusterList", "-n", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("mqadmin clusterList: ").doesNotContain("\n", "Exception");
    }
}
