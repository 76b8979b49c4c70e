package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.remoting.body.TopicConfig;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.cli.NamesrvAddress;
import org.junit.jupiter.api.Test;

/** Parsing and formatting that needs no server. */
class CliParsingTest {

    @Test
    void shouldListEveryCommandOfTheSeedTable() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("updateTopic", "deleteTopic", "topicList", "topicRoute", "topicStatus",
                "topicClusterList", "updateTopicPerm", "updateOrderConf", "allocateMQ", "statsAll", "clusterList",
                "clusterRT", "updateBrokerConfig", "brokerStatus", "brokerConsumeStats", "getBrokerConfig",
                "wipeWritePerm", "addWritePerm", "cleanExpiredCQ", "cleanUnusedTopic", "sendMsgStatus",
                "queryMsgById", "queryMsgByKey", "queryMsgByOffset", "queryMsgByUniqueKey", "queryMsgTraceById",
                "checkMsgSendRT",
                "sendMessage", "consumeMessage", "printMsg", "printMsgByQueue", "resetOffsetByTime", "queryCq",
                "consumerProgress", "consumerStatus", "updateSubGroup", "deleteSubGroup", "cloneGroupOffset",
                "setConsumeMode",
                "consumerConnection", "producerConnection", "updateKvConfig", "deleteKvConfig", "getNamesrvConfig",
                "updateNamesrvConfig", "startMonitoring", "getConsumerStatus", "skipPoisonMessage");
    }

    @Test
    void shouldPrintHelpOfOneCommandWithDashH() {
        CliRun run = CliRun.of("updateTopic", "-h");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-t, --topic", "-c, --clusterName", "-b, --brokerAddr", "-n, --namesrvAddr");
    }

    @Test
    void shouldRequireBrokerOrClusterButNotBoth() {
        CliRun neither = CliRun.of("updateTopic", "-t", "T", "-n", "127.0.0.1:1");
        CliRun both = CliRun.of("updateTopic", "-t", "T", "-b", "127.0.0.1:1", "-c", "C", "-n", "127.0.0.1:1");

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("Missing required argument");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void shouldRejectAnUnknownCommandAsUsageError() {
        CliRun run = CliRun.of("noSuchCommand");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("noSuchCommand");
    }

    @Test
    void shouldRejectANonNumericQueueCountAsUsageError() {
        CliRun run = CliRun.of("updateTopic", "-t", "T", "-c", "C", "-r", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'many'");
    }

    @Test
    void shouldTakeTheNameServerFromTheSystemPropertyWhenDashNIsAbsent() {
        System.setProperty(NamesrvAddress.PROPERTY, "10.0.0.1:9876;10.0.0.2:9876");
        try {
            assertThat(NamesrvAddress.resolve(null)).containsExactly("10.0.0.1:9876", "10.0.0.2:9876");
            assertThat(NamesrvAddress.resolve("127.0.0.1:1")).containsExactly("127.0.0.1:1");
        } finally {
            System.clearProperty(NamesrvAddress.PROPERTY);
        }
    }

    @Test
    void shouldAskForANameServerWhenNoneIsGiven() {
        CliRun run = CliRun.of("topicList");

        if (System.getenv(NamesrvAddress.ENVIRONMENT) == null) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("mqadmin topicList: no name server address given "
                    + "(give -n host:port or set NAMESRV_ADDR)");
        }
    }

    @Test
    void shouldPrintTopicConfigAsApacheDoes() {
        TopicConfig config = new TopicConfig("T", 8, 6);

        assertThat(Formats.topicConfig(config)).isEqualTo("TopicConfig [topicName=T, readQueueNums=8, "
                + "writeQueueNums=8, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false, "
                + "attributes={}]");
        assertThat(Formats.perm(7)).isEqualTo("RWX");
        assertThat(Formats.cut("abcdef", 3)).isEqualTo("abc");
    }
}
