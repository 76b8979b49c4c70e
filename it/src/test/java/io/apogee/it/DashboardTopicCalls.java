package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static io.apogee.it.DashboardStage.BROKER;
import static io.apogee.it.DashboardStage.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@code DefaultMQAdminExt} calls behind the dashboard's cluster and topic pages and its collect task
 * ({@code ClusterServiceImpl}, {@code TopicServiceImpl}, {@code DashboardCollectTask}, {@code CollectTaskRunnble}
 * of apache/rocketmq-dashboard), each checked against the scene's values. Run on one thread.
 */
final class DashboardTopicCalls {

    private final DashboardStage stage;
    private final AdminScene scene;
    private final String scratchTopic = UniqueName.of("DashboardScratch");

    DashboardTopicCalls(DashboardStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("examineBrokerClusterInfo", this::clusterInfo),
                new Check("fetchBrokerRuntimeStats", this::runtimeStats),
                new Check("getBrokerConfig", () -> assertThat(stage.admin().getBrokerConfig(stage.brokerAddr()))
                        .containsEntry("brokerName", BROKER).containsEntry("brokerClusterName", CLUSTER)),
                new Check("fetchAllTopicList", () -> assertThat(stage.admin().fetchAllTopicList().getTopicList())
                        .contains(scene.topic)),
                new Check("getAllTopicConfig", this::allTopicConfig),
                new Check("examineTopicStats", this::topicStats),
                new Check("examineTopicRouteInfo", this::topicRoute),
                new Check("queryTopicConsumeByWho", () -> assertThat(stage.admin()
                        .queryTopicConsumeByWho(scene.topic).getGroupList()).containsExactly(scene.consumerGroup)),
                new Check("createAndUpdateTopicConfig", () -> stage.admin().createAndUpdateTopicConfig(
                        stage.brokerAddr(), new TopicConfig(scratchTopic, 4, 4, 6))),
                new Check("examineTopicConfig", this::topicConfig),
                new Check("deleteTopicInBroker+deleteTopicInNameServer", this::deleteTopic),
                new Check("viewBrokerStatsData TOPIC_PUT_NUMS", () -> assertThat(daySum("TOPIC_PUT_NUMS",
                        scene.topic)).isEqualTo(AdminScene.MESSAGES)),
                new Check("viewBrokerStatsData GROUP_GET_NUMS", () -> assertThat(daySum("GROUP_GET_NUMS",
                        scene.topic + "@" + scene.consumerGroup)).isGreaterThanOrEqualTo(AdminScene.MESSAGES)));
    }

    private void clusterInfo() throws Exception {
        var info = stage.admin().examineBrokerClusterInfo();
        assertThat(info.getClusterAddrTable()).containsEntry(CLUSTER, Set.of(BROKER));
        assertThat(info.getBrokerAddrTable().get(BROKER).getBrokerAddrs()).containsEntry(0L, stage.brokerAddr());
        assertThat(info.getBrokerAddrTable().get(BROKER).getCluster()).isEqualTo(CLUSTER);
    }

    private void runtimeStats() throws Exception {
        var table = stage.admin().fetchBrokerRuntimeStats(stage.brokerAddr()).getTable();
        assertThat(table).containsEntry("brokerVersionDesc", "V5_4_0");
        assertThat(Long.parseLong(table.get("msgPutTotalTodayNow"))).isGreaterThanOrEqualTo(AdminScene.MESSAGES);
        assertThat(Long.parseLong(table.get("msgGetTotalTodayNow"))).isGreaterThanOrEqualTo(AdminScene.MESSAGES);
        for (String key : new String[] {"getTotalTps", "putTps"}) {
            assertThat(table.get(key)).as(key).isNotBlank();
            for (String tps : table.get(key).split(" ")) {
                assertThat(new BigDecimal(tps)).as(key).isNotNegative();
            }
        }
    }

    private void allTopicConfig() throws Exception {
        var config = stage.admin().getAllTopicConfig(stage.brokerAddr(), 10_000L).getTopicConfigTable()
                .get(scene.topic);
        assertThat(config).isNotNull();
        assertThat(config.getReadQueueNums()).isEqualTo(AdminScene.QUEUES);
        assertThat(config.getWriteQueueNums()).isEqualTo(AdminScene.QUEUES);
        assertThat(config.getPerm()).isEqualTo(6);
    }

    private void topicStats() throws Exception {
        var offsets = stage.admin().examineTopicStats(scene.topic).getOffsetTable();
        assertThat(offsets.keySet()).containsExactlyInAnyOrderElementsOf(scene.queues());
        assertThat(offsets.values().stream().mapToLong(o -> o.getMaxOffset()).sum()).isEqualTo(AdminScene.MESSAGES);
        assertThat(offsets.values().stream().mapToLong(o -> o.getMinOffset()).sum()).isZero();
        assertThat(offsets.values()).allMatch(o -> o.getMaxOffset() == 0 || o.getLastUpdateTimestamp() > 0);
    }

    private void topicRoute() throws Exception {
        var route = stage.admin().examineTopicRouteInfo(scene.topic);
        assertThat(route.getQueueDatas()).hasSize(1);
        var queues = route.getQueueDatas().get(0);
        assertThat(queues.getBrokerName()).isEqualTo(BROKER);
        assertThat(queues.getReadQueueNums()).isEqualTo(AdminScene.QUEUES);
        assertThat(queues.getWriteQueueNums()).isEqualTo(AdminScene.QUEUES);
        assertThat(route.getBrokerDatas().get(0).getBrokerAddrs()).containsEntry(0L, stage.brokerAddr());
    }

    private void topicConfig() throws Exception {
        var config = stage.admin().examineTopicConfig(stage.brokerAddr(), scratchTopic);
        assertThat(config.getTopicName()).isEqualTo(scratchTopic);
        assertThat(config.getReadQueueNums()).isEqualTo(4);
        assertThat(config.getPerm()).isEqualTo(6);
    }

    private void deleteTopic() throws Exception {
        stage.admin().deleteTopicInBroker(Set.of(stage.brokerAddr()), scratchTopic);
        stage.deleteTopicInNameServer(Set.of(stage.server().namesrvAddress()), scratchTopic);
        assertThat(stage.server().broker().topics().find(scratchTopic)).as("topic in the broker").isNull();
        assertThat(stage.observer().fetchAllTopicList().getTopicList()).doesNotContain(scratchTopic);
        MQClientException gone = catchThrowableOfType(MQClientException.class,
                () -> stage.observer().examineTopicRouteInfo(scratchTopic));
        assertThat(gone).as("route of the deleted topic").isNotNull();
        assertThat(gone.getResponseCode()).isEqualTo(17);
    }

    /** What the dashboard and statsAll total for a day: the day's sum, else the hour's, else the minute's. */
    private long daySum(String statsName, String statsKey) throws Exception {
        var data = stage.admin().viewBrokerStatsData(stage.brokerAddr(), statsName, statsKey);
        if (data.getStatsDay().getSum() != 0) {
            return data.getStatsDay().getSum();
        }
        return data.getStatsHour().getSum() != 0 ? data.getStatsHour().getSum() : data.getStatsMinute().getSum();
    }
}
