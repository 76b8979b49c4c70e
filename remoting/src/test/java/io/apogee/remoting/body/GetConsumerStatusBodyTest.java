package io.apogee.remoting.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetConsumerStatusBodyTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldCutTheObjectKeyedTableOutOfAClientAnswer() {
        String table = "{{\"brokerName\":\"b}\\\"{\",\"queueId\":0,\"topic\":\"T\"}:5,"
                + "{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:7}";
        String body = "{\"consumerTable\":{\"x\":{\"messageQueueTable\":1}},\"messageQueueTable\" : " + table + "}";

        assertThat(GetConsumerStatusBody.messageQueueTableOf(utf8(body))).contains(table);
    }

    @Test
    void shouldFindNoTableInABodyWithoutOneOrWithABrokenOne() {
        assertThat(GetConsumerStatusBody.messageQueueTableOf(utf8("{\"consumerTable\":{}}"))).isEmpty();
        assertThat(GetConsumerStatusBody.messageQueueTableOf(utf8("{\"messageQueueTable\":null}"))).isEmpty();
        assertThat(GetConsumerStatusBody.messageQueueTableOf(utf8("{\"messageQueueTable\":{{\"a\":1}:2"))).isEmpty();
        assertThat(GetConsumerStatusBody.messageQueueTableOf(null)).isEmpty();
    }

    @Test
    void shouldComposeTheBrokerAnswerFromEachClientsTable() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("c1", "{{\"queueId\":0}:5}");
        tables.put("c\"2", "{}");

        assertThat(new String(GetConsumerStatusBody.compose(tables), StandardCharsets.UTF_8)).isEqualTo(
                "{\"consumerTable\":{\"c1\":{{\"queueId\":0}:5},\"c\\\"2\":{}},\"messageQueueTable\":{}}");
    }
}
