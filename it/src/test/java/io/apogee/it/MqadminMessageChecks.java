package io.apogee.it;

import io.apogee.it.CoverageRatchet.Check;
import org.apache.rocketmq.client.producer.SendResult;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.apogee.it.AdminScene.PROBE;
import static io.apogee.it.MqadminStage.BROKER;
import static io.apogee.it.MqadminStage.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's message commands (section "message"), checked against the scene's messages: message 7 is looked up
 * by offsetMsgId, key, queue offset and unique key; the printing commands must show every message of the topic
 * or queue. Commands that send go to scratch topics so the scene keeps its 100 messages. Output formats:
 * Apache's {@code tools.command.message} sub-commands (5.4.0). Run on one thread.
 */
final class MqadminMessageChecks {


    private final MqadminStage stage;
    private final AdminScene scene;

    MqadminMessageChecks(MqadminStage stage) {
        this.stage = stage;
        this.scene = stage.scene();
    }

    List<Check> checks() {
        return List.of(
                new Check("queryMsgById", this::queryMsgById),
                new Check("queryMsgById -g -d", this::pushToConsumer),
                new Check("queryMsgByKey", this::queryMsgByKey),
                new Check("queryMsgByOffset", this::queryMsgByOffset),
                new Check("queryMsgByUniqueKey", this::queryMsgByUniqueKey),
                new Check("checkMsgSendRT", this::checkMsgSendRt),
                new Check("sendMessage", this::sendMessage),
                new Check("consumeMessage", this::consumeMessage),
                new Check("printMsg", this::printMsg),
                new Check("printMsgByQueue", this::printMsgByQueue));
    }

    private void assertShowsProbe(Mqadmin.Output output) {
        SendResult probe = scene.sent(PROBE);
        assertThat(output.out()).as("%s", output)
                .containsPattern("(?m)^Topic:\\s+" + scene.topic + "$")
                .containsPattern("(?m)^Keys:\\s+\\[?" + scene.key(PROBE) + "]?$")
                .containsPattern("(?m)^Queue ID:\\s+" + probe.getMessageQueue().getQueueId() + "$")
                .containsPattern("(?m)^Queue Offset:\\s+" + probe.getQueueOffset() + "$")
                .contains("consumerGroup=" + scene.consumerGroup).contains("trackType=CONSUMED");
    }

    private void queryMsgById() {
        SendResult probe = scene.sent(PROBE);
        Mqadmin.Output output = stage.ok("queryMsgById", "-t", scene.topic, "-i", probe.getOffsetMsgId());
        assertThat(output.out()).containsPattern("(?m)^OffsetID:\\s+" + probe.getOffsetMsgId() + "$");
        assertShowsProbe(output);
    }

    /** Pushes the probe to the scene's live consumer (CONSUME_MESSAGE_DIRECTLY 309), which consumes it again. */
    private void pushToConsumer() {
        SendResult probe = scene.sent(PROBE);
        Mqadmin.Output output = stage.ok("queryMsgById", "-t", scene.topic, "-i", probe.getOffsetMsgId(),
                "-g", scene.consumerGroup, "-d", scene.consumerClientId());
        assertThat(output.out()).as("%s", output).contains("ConsumeMessageDirectlyResult [")
                .contains("consumeResult=CR_SUCCESS");
        assertThat(scene.received.duplicates()).as("the probe delivered once more").containsKey(scene.key(PROBE));
    }

    private void queryMsgByKey() {
        SendResult probe = scene.sent(PROBE);
        Mqadmin.Output output = stage.ok("queryMsgByKey", "-t", scene.topic, "-k", scene.key(PROBE));
        List<List<String>> found = rows(output, probe.getMsgId());
        assertThat(found).as("%s", output).hasSize(1);
        assertThat(found.get(0).subList(0, 3)).as("#Message ID, #QID, #Offset").containsExactly(probe.getMsgId(),
                Integer.toString(probe.getMessageQueue().getQueueId()), Long.toString(probe.getQueueOffset()));
    }

    private void queryMsgByOffset() {
        SendResult probe = scene.sent(PROBE);
        assertShowsProbe(stage.ok("queryMsgByOffset", "-t", scene.topic, "-b", BROKER,
                "-i", Integer.toString(probe.getMessageQueue().getQueueId()),
                "-o", Long.toString(probe.getQueueOffset())));
    }

    private void queryMsgByUniqueKey() {
        SendResult probe = scene.sent(PROBE);
        assertShowsProbe(stage.ok("queryMsgByUniqueKey", "-t", scene.topic, "-i", probe.getMsgId()));
    }

    private void checkMsgSendRt() {
        Mqadmin.Output output = stage.ok("checkMsgSendRT", "-t", UniqueName.of("MqadminRt"), "-a", "3", "-s", "64");
        assertThat(rows(output, BROKER)).as("%s", output).hasSize(3).allMatch(row -> row.get(2).equals("true"));
        assertThat(output.out()).containsPattern("Avg RT: \\d+\\.\\d\\d");
    }

    private void sendMessage() {
        Mqadmin.Output output = stage.ok("sendMessage", "-t", UniqueName.of("MqadminSend"), "-p", "hello",
                "-k", "mqadmin-key", "-c", "TagM");
        assertThat(rows(output, BROKER)).as("%s", output).hasSize(1).allMatch(row -> row.get(2).equals("SEND_OK"));
    }

    private List<Integer> inQueue(int queueId) {
        return IntStream.range(0, AdminScene.MESSAGES)
                .filter(i -> scene.sent(i).getMessageQueue().getQueueId() == queueId).boxed().toList();
    }

    private void consumeMessage() {
        Mqadmin.Output output = stage.ok("consumeMessage", "-t", scene.topic, "-b", BROKER, "-i", "0", "-o", "0",
                "-c", "3");
        List<String> expectedKeys = new ArrayList<>();
        inQueue(0).stream().limit(3).forEach(i -> expectedKeys.add("body of " + scene.key(i)));
        assertThat(output.out()).contains("Consume ok").contains(expectedKeys);
        assertThat(output.out().lines().filter(line -> line.startsWith("MSGID: "))).as("%s", output).hasSize(3);
    }

    private void printMsg() {
        Mqadmin.Output output = stage.ok("printMsg", "-t", scene.topic, "-d", "true");
        assertThat(output.out().lines().filter(line -> line.startsWith("MSGID: "))).hasSize(AdminScene.MESSAGES);
        for (int i = 0; i < AdminScene.MESSAGES; i++) {
            assertThat(output.out()).contains("BODY: body of " + scene.key(i) + "\n");
        }
    }

    private void printMsgByQueue() {
        List<Integer> queue0 = inQueue(0);
        Mqadmin.Output output = stage.ok("printMsgByQueue", "-t", scene.topic, "-a", BROKER, "-i", "0",
                "-p", "true", "-d", "true", "-f", "true");
        assertThat(output.out().lines().filter(line -> line.startsWith("MSGID: "))).hasSize(queue0.size());
        queue0.forEach(i -> assertThat(output.out()).contains("BODY: body of " + scene.key(i) + "\n"));
        assertThat(output.out()).containsPattern("Tag: " + AdminScene.TAG + "\\s+Count: " + queue0.size());
    }
}
