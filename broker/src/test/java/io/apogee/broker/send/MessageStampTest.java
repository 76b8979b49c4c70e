package io.apogee.broker.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.ProducerSideFixture;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MSG_REGION and TRACE_ON: stamped by the broker on every stored message and echoed in SEND responses. */
class MessageStampTest {

    @TempDir
    Path dir;
    private ProducerSideFixture broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private ProducerSideFixture start(String regionId, boolean traceOn) throws Exception {
        BrokerConfig config = ProducerSideFixture.config("");
        config.regionId = regionId;
        config.traceOn = traceOn;
        broker = new ProducerSideFixture(dir, config);
        broker.topics.createIfAbsent("StampTopic", 1, 6, 0);
        return broker;
    }

    private ByteBuffer stored(String msgId) {
        return broker.store.lookMessageByOffset(SendRequests.DecodedId.of(msgId).offset());
    }

    @Test
    void shouldStampApachesDefaultsOnStoredMessagesAndResponses() throws Exception {
        start("DefaultRegion", true);

        RemotingCommand answer = broker.call(SendRequests.v2("StampTopic", 0, "x".getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.ext("MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(answer.ext("TRACE_ON")).isEqualTo("true");
        ByteBuffer record = stored(answer.ext("msgId"));
        assertThat(StoredMessage.property(record, "MSG_REGION")).isEqualTo("DefaultRegion");
        assertThat(StoredMessage.property(record, "TRACE_ON")).isEqualTo("true");
        assertThat(StoredMessage.property(record, "TAGS")).isEqualTo("TagA");
    }

    @Test
    void shouldStampTheConfiguredRegionAndTraceSwitchReplacingWhatTheClientSent() throws Exception {
        start("eu-west", false);
        String props = "TAGS\u0001T\u0002MSG_REGION\u0001client-region\u0002TRACE_ON\u0001true\u0002";

        RemotingCommand answer = broker.call(SendRequests.v2(RequestCode.SEND_MESSAGE_V2, "StampTopic", 0, props)
                .body("y".getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.ext("MSG_REGION")).isEqualTo("eu-west");
        assertThat(answer.ext("TRACE_ON")).isEqualTo("false");
        ByteBuffer record = stored(answer.ext("msgId"));
        String all = StoredMessage.properties(record);
        assertThat(all).contains("MSG_REGION\u0001eu-west\u0002").doesNotContain("client-region")
                .contains("TRACE_ON\u0001false\u0002").doesNotContain("TRACE_ON\u0001true");
        assertThat(StoredMessage.property(record, "TAGS")).isEqualTo("T");
    }

    @Test
    void shouldStampEveryMessageOfABatch() throws Exception {
        start("DefaultRegion", true);

        RemotingCommand answer = broker.call(SendRequests.v2(RequestCode.SEND_BATCH_MESSAGE, "StampTopic", 0,
                "UNIQ_KEY\u0001AC11000100002A9F0000000000000099\u0002").body(SendRequests.batchBody(3)));

        assertThat(answer.code()).isEqualTo(ResponseCode.SUCCESS);
        for (String id : answer.ext("msgId").split(",")) {
            ByteBuffer record = stored(id);
            assertThat(StoredMessage.property(record, "MSG_REGION")).isEqualTo("DefaultRegion");
            assertThat(StoredMessage.property(record, "TRACE_ON")).isEqualTo("true");
        }
    }
}
