package io.apogee.broker.send;

import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Builds SEND requests the way the RocketMQ clients do. */
final class SendRequests {

    static final String PROPS_5 = "KEYS\u0001KeyA\u0002UNIQ_KEY\u0001AC11000100002A9F0000000000000001\u0002"
            + "WAIT\u0001true\u0002TAGS\u0001TagA\u0002";

    private SendRequests() {
    }

    static RemotingCommand v2(String topic, int queueId, byte[] body) {
        return v2(RequestCode.SEND_MESSAGE_V2, topic, queueId, PROPS_5).body(body);
    }

    static RemotingCommand v2(int code, String topic, int queueId, String props) {
        return RemotingCommand.request(code)
                .putExt("a", "PG1").putExt("b", topic).putExt("c", "TBW102").putExt("d", 4)
                .putExt("e", queueId).putExt("f", 0).putExt("g", System.currentTimeMillis()).putExt("h", 0)
                .putExt("i", props).putExt("j", 0).putExt("k", false)
                .putExt("m", code == RequestCode.SEND_BATCH_MESSAGE).putExt("n", "broker-a");
    }

    static RemotingCommand v1(String topic, int queueId, byte[] body) {
        return RemotingCommand.request(RequestCode.SEND_MESSAGE)
                .putExt("producerGroup", "PG1").putExt("topic", topic).putExt("defaultTopic", "TBW102")
                .putExt("defaultTopicQueueNums", 4).putExt("queueId", queueId).putExt("sysFlag", 0)
                .putExt("bornTimestamp", System.currentTimeMillis()).putExt("flag", 0)
                .putExt("properties", "TAGS\u0001T\u0002UNIQ_KEY\u0001AC11000100002A9F0000000000000002")
                .putExt("reconsumeTimes", 0).putExt("unitMode", false).putExt("batch", false)
                .body(body);
    }

    /**
     * A 320 body (docs/protocol/09-message-format.md §7) of messages "batch0".."batch{n-1}", each with its own
     * properties.
     */
    static byte[] batchBody(int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int i = 0; i < n; i++) {
            byte[] body = ("batch" + i).getBytes(StandardCharsets.UTF_8);
            byte[] props = ("KEYS\u0001KB" + i + "\u0002UNIQ_KEY\u0001AC11000100002A9F00000000000001" + (10 + i)
                    + "\u0002TAGS\u0001T\u0002").getBytes(StandardCharsets.UTF_8);
            out.writeInt(20 + body.length + 2 + props.length);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(body.length);
            out.write(body);
            out.writeShort(props.length);
            out.write(props);
        }
        return bytes.toByteArray();
    }

    /** Decodes an IPv4 offsetMsgId into "ip:port" and offset. */
    record DecodedId(String address, long offset) {
        static DecodedId of(String id) {
            String ip = Integer.parseInt(id.substring(0, 2), 16) + "." + Integer.parseInt(id.substring(2, 4), 16)
                    + "." + Integer.parseInt(id.substring(4, 6), 16) + "." + Integer.parseInt(id.substring(6, 8), 16);
            int port = Integer.parseInt(id.substring(8, 16), 16);
            return new DecodedId(ip + ":" + port, Long.parseUnsignedLong(id.substring(16, 32), 16));
        }
    }
}
