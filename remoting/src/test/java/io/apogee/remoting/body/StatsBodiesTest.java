package io.apogee.remoting.body;

import io.apogee.remoting.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics bodies in Apache's exact shapes, queue-keyed maps with queues as object keys. */
class StatsBodiesTest {

    @Test
    void shouldWriteTopicStatsWithQueuesAsObjectKeysInInsertionOrder() {
        TopicStatsTable table = new TopicStatsTable();
        table.offsetTable.put(new MessageQueueBody("T", "b", 1), new TopicOffset(0, 4, 5));
        table.offsetTable.put(new MessageQueueBody("T", "b", 0), new TopicOffset(2, 3, 0));
        table.topicPutTps = 0.5;

        assertThat(JsonCodec.encodeToString(table)).isEqualTo("{\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:"
                + "{\"lastUpdateTimestamp\":5,\"maxOffset\":4,\"minOffset\":0},"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"lastUpdateTimestamp\":0,\"maxOffset\":3,\"minOffset\":2}},\"topicPutTps\":0.5}");
    }

    @Test
    void shouldWriteConsumeStatsInsideAConsumeStatsList() {
        ConsumeStats stats = new ConsumeStats();
        OffsetWrapper w = new OffsetWrapper();
        w.brokerOffset = 9;
        w.consumerOffset = 4;
        w.pullOffset = 6;
        w.lastTimestamp = 7;
        stats.offsetTable.put(new MessageQueueBody("T", "b", 0), w);
        ConsumeStatsList list = new ConsumeStatsList();
        list.brokerAddr = "1.2.3.4:10911";
        list.consumeStatsList.add(java.util.Map.of("G", java.util.List.of(stats, new ConsumeStats())));
        list.totalDiff = stats.totalDiff();
        list.totalInflightDiff = stats.inflightDiff();

        assertThat(JsonCodec.encodeToString(list)).isEqualTo("{\"brokerAddr\":\"1.2.3.4:10911\","
                + "\"consumeStatsList\":[{\"G\":[{\"consumeTps\":0.0,\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
                + "{\"brokerOffset\":9,\"consumerOffset\":4,\"lastTimestamp\":7,\"pullOffset\":6}}},"
                + "{\"consumeTps\":0.0,\"offsetTable\":{}}]}],\"totalDiff\":5,\"totalInflightDiff\":2}");
    }

    @Test
    void shouldWriteBrokerStatsDataWindows() {
        BrokerStatsData data = new BrokerStatsData();
        data.statsMinute = new BrokerStatsItem(40, 0.5, 1.0);
        data.statsHour = new BrokerStatsItem(40, 0.01, 1.0);
        data.statsDay = new BrokerStatsItem(40, 0.0, 1.0);

        assertThat(JsonCodec.encodeToString(data)).isEqualTo("{\"statsDay\":{\"avgpt\":1.0,\"sum\":40,\"tps\":0.0},"
                + "\"statsHour\":{\"avgpt\":1.0,\"sum\":40,\"tps\":0.01},"
                + "\"statsMinute\":{\"avgpt\":1.0,\"sum\":40,\"tps\":0.5}}");
    }
}
