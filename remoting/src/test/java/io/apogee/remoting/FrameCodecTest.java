package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {

    /** docs/protocol/13-test-vectors.md §1: GET_ROUTEINFO_BY_TOPIC, JSON header, no body. */
    private static final String ROUTE_REQUEST_HEX = "00000084" + "00000080"
            + "7b22636f6465223a3130352c226578744669656c6473223a7b22746f706963223a22546f70696341227d2c"
            + "22666c6167223a302c226c616e6775616765223a224a415641222c226f7061717565223a302c2273657269"
            + "616c697a655479706543757272656e74525043223a224a534f4e222c2276657273696f6e223a3439337d";

    private static final String UNIQ_KEY = "FD000000000000000000000000000002" + "3D3D30946E096C7C94150000";
    private static final String PROPERTIES = "KEYS\u0001KeyA\u0002UNIQ_KEY\u0001" + UNIQ_KEY
            + "\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002";

    /** docs/protocol/13-test-vectors.md §2: SEND_MESSAGE_V2, ROCKETMQ header, body "hello" ("i" spelled out). */
    private static final String SEND_REQUEST_HEX = "0000010c" + "01000103"
            + "0136" + "00" + "01ed" + "00000002" + "00000000" + "00000000" + "000000ee"
            + "0001" + "61" + "00000003" + "504731"
            + "0001" + "62" + "00000006" + "546f70696341"
            + "0001" + "63" + "00000006" + "544257313032"
            + "0001" + "64" + "00000001" + "34"
            + "0001" + "65" + "00000001" + "32"
            + "0001" + "66" + "00000001" + "30"
            + "0001" + "67" + "0000000d" + "31373935333131383233373935"
            + "0001" + "68" + "00000001" + "30"
            + "0001" + "69" + "00000060" + hex(PROPERTIES)
            + "0001" + "6a" + "00000001" + "30"
            + "0001" + "6b" + "00000005" + "66616c7365"
            + "0001" + "6d" + "00000005" + "66616c7365"
            + "0001" + "6e" + "00000008" + "62726f6b65722d61"
            + "68656c6c6f";

    @Test
    void shouldDecodeCapturedJsonRouteRequest() {
        byte[] frame = ByteBufUtil.decodeHexDump(ROUTE_REQUEST_HEX);
        assertThat(frame).hasSize(136);

        RemotingCommand command = FrameCodec.decode(frame);

        assertThat(command.code()).isEqualTo(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        assertThat(command.extFields()).containsExactly(Map.entry("topic", "TopicA"));
        assertThat(command.flag()).isZero();
        assertThat(command.language()).isEqualTo(LanguageCode.JAVA);
        assertThat(command.opaque()).isZero();
        assertThat(command.version()).isEqualTo(493);
        assertThat(command.remark()).isNull();
        assertThat(command.body()).isNull();
        assertThat(command.serializeType()).isEqualTo(SerializeType.JSON);
    }

    @Test
    void shouldEncodeRouteRequestByteForByteAsTheClientDoes() {
        RemotingCommand command = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                .putExt("topic", "TopicA").opaque(0).version(493);

        assertThat(ByteBufUtil.hexDump(FrameCodec.encodeToBytes(command))).isEqualTo(ROUTE_REQUEST_HEX);
    }

    @Test
    void shouldDecodeCapturedBinarySendRequest() {
        assertThat(PROPERTIES.getBytes(StandardCharsets.UTF_8)).hasSize(0x60);
        byte[] frame = ByteBufUtil.decodeHexDump(SEND_REQUEST_HEX);
        ByteBuffer fields = ByteBuffer.wrap(frame);
        assertThat(frame).hasSize(272);
        assertThat(fields.getInt(0)).isEqualTo(268);
        assertThat(fields.getInt(4) & 0xFFFFFF).isEqualTo(259);

        RemotingCommand command = FrameCodec.decode(frame);

        assertThat(command.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(command.code()).isEqualTo(RequestCode.SEND_MESSAGE_V2);
        assertThat(command.language()).isEqualTo(LanguageCode.JAVA);
        assertThat(command.version()).isEqualTo(493);
        assertThat(command.opaque()).isEqualTo(2);
        assertThat(command.flag()).isZero();
        assertThat(command.remark()).isNull();
        assertThat(command.extFields()).hasSize(13)
                .containsEntry("a", "PG1").containsEntry("b", "TopicA").containsEntry("c", "TBW102")
                .containsEntry("d", "4").containsEntry("e", "2").containsEntry("f", "0")
                .containsEntry("g", "1795311823795").containsEntry("h", "0").containsEntry("i", PROPERTIES)
                .containsEntry("j", "0").containsEntry("k", "false").containsEntry("m", "false")
                .containsEntry("n", "broker-a");
        assertThat(new String(command.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void shouldReencodeCapturedBinarySendRequestToTheSameLength() {
        RemotingCommand command = FrameCodec.decode(ByteBufUtil.decodeHexDump(SEND_REQUEST_HEX));

        byte[] again = FrameCodec.encodeToBytes(command);

        assertThat(again).hasSize(272);
        assertThat(ByteBufUtil.hexDump(again, 0, 8)).isEqualTo("0000010c01000103");
        assertThat(FrameCodec.decode(again).extFields()).isEqualTo(command.extFields());
    }

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (SerializeType type : SerializeType.values()) {
            for (String remark : new String[] {null, "topic[Ä] not exist, apply first"}) {
                for (boolean withExt : new boolean[] {false, true}) {
                    for (byte[] body : new byte[][] {null, {}, {0, 1, 2, (byte) 0xFF}}) {
                        all.add(Arguments.of(type, remark, withExt, body));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} remark={1} ext={2}")
    @MethodSource("variants")
    void shouldRoundTripEveryCommandShape(SerializeType type, String remark, boolean withExt, byte[] body) {
        RemotingCommand original = RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST, remark)
                .serializeType(type).opaque(-7).language(LanguageCode.GO).version(409).body(body);
        if (withExt) {
            original.putExt("queueId", 3).putExt("msgId", "7F00000100002A9F0000000000000000")
                    .putExt("ключ", "значение");
        }

        RemotingCommand decoded = FrameCodec.decode(FrameCodec.encodeToBytes(original));

        assertThat(decoded.serializeType()).isEqualTo(type);
        assertThat(decoded.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(decoded.isResponse()).isTrue();
        assertThat(decoded.opaque()).isEqualTo(-7);
        assertThat(decoded.language()).isEqualTo(LanguageCode.GO);
        assertThat(decoded.version()).isEqualTo(409);
        assertThat(decoded.remark()).isEqualTo(remark);
        assertThat(decoded.extFields()).isEqualTo(original.extFields());
        if (body == null || body.length == 0) {
            assertThat(decoded.body()).isNull();
        } else {
            assertThat(decoded.body()).isEqualTo(body);
        }
    }

    @Test
    void shouldReadJsonHeaderWrittenInAnyOrderWithStringNumbersAndUnknownKeys() {
        String header = "{ \"version\" : \"409\", \"extFields\": {\"queueId\": 2, \"flagged\": true, \"gone\": null},"
                + " \"surprise\": {\"nested\": [1, 2]}, \"opaque\": \"12\", \"language\": 9, \"code\": \"310\","
                + " \"flag\": 3, \"remark\": \"\\u00e9t\\u00e9\" }";

        RemotingCommand command = FrameCodec.decode(jsonFrame(header, new byte[0]));

        assertThat(command.version()).isEqualTo(409);
        assertThat(command.opaque()).isEqualTo(12);
        assertThat(command.code()).isEqualTo(310);
        assertThat(command.flag()).isEqualTo(3);
        assertThat(command.isOneway()).isTrue();
        assertThat(command.language()).isEqualTo(LanguageCode.GO);
        assertThat(command.remark()).isEqualTo("été");
        assertThat(command.extFields()).containsOnly(Map.entry("queueId", "2"), Map.entry("flagged", "true"));
    }

    @Test
    void shouldDefaultMissingVersionToZeroAndMissingLanguageToJava() {
        RemotingCommand command = FrameCodec.decode(jsonFrame("{\"code\":34}", new byte[0]));

        assertThat(command.version()).isZero();
        assertThat(command.language()).isEqualTo(LanguageCode.JAVA);
        assertThat(command.extFields()).isNull();
    }

    @Test
    void shouldDropEmptyStringsInBinaryHeader() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("kept", "v");
        ext.put("empty", "");
        RemotingCommand command = RemotingCommand.request(1).serializeType(SerializeType.ROCKETMQ).remark("")
                .extFields(ext);

        RemotingCommand decoded = FrameCodec.decode(FrameCodec.encodeToBytes(command));

        assertThat(decoded.remark()).isNull();
        assertThat(decoded.extFields()).containsOnly(Map.entry("kept", "v"));
    }

    @Test
    void shouldRejectCodeThatDoesNotFitBinaryHeader() {
        RemotingCommand command = RemotingCommand.request(40_000).serializeType(SerializeType.ROCKETMQ);

        assertThatThrownBy(() -> FrameCodec.encodeToBytes(command))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40000");
    }

    @Test
    void shouldWriteBodyRegionWithoutCopyingAndReleaseItWithTheFrame() {
        ByteBuf region = Unpooled.directBuffer(5).writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        RemotingCommand command = RemotingCommand.success().bodyRegion(region);

        ByteBuf frame = FrameCodec.encode(command, PooledByteBufAllocator.DEFAULT);
        try {
            assertThat(frame.nioBufferCount()).isEqualTo(2);
            RemotingCommand decoded = FrameCodec.decode(Unpooled.copiedBuffer(frame));
            assertThat(decoded.body()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
            assertThat(region.refCnt()).isEqualTo(1);
        } finally {
            frame.release();
        }
        assertThat(region.refCnt()).isZero();
    }

    @Test
    void shouldReleaseBodyRegionWhenEncodingFails() {
        ByteBuf region = Unpooled.buffer(3).writeBytes(new byte[3]);
        RemotingCommand command = RemotingCommand.request(70_000).serializeType(SerializeType.ROCKETMQ)
                .bodyRegion(region);

        assertThatThrownBy(() -> FrameCodec.encode(command, PooledByteBufAllocator.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(region.refCnt()).isZero();
    }

    @Test
    void shouldRejectHeaderLengthBeyondFrame() {
        byte[] frame = ByteBufUtil.decodeHexDump("0000000a" + "00000010" + "7b7d00000000");

        assertThatThrownBy(() -> FrameCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("header length 16");
    }

    @Test
    void shouldRejectUnknownSerializationType() {
        byte[] frame = ByteBufUtil.decodeHexDump("00000006" + "07000002" + "7b7d");

        assertThatThrownBy(() -> FrameCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("serialization type 7");
    }

    @Test
    void shouldRejectUnparsableJsonHeader() {
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("{\"code\":1,", new byte[0])))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("unparsable JSON header");
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("[1]", new byte[0])))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("{\"code\":\"x1\"}", new byte[0])))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("'x1'");
    }

    @Test
    void shouldRejectTruncatedBinaryHeader() {
        byte[] frame = ByteBufUtil.decodeHexDump("0000000a" + "01000006" + "01360001ed00");

        assertThatThrownBy(() -> FrameCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectBinaryRemarkLongerThanHeader() {
        RemotingCommand command = RemotingCommand.request(1).serializeType(SerializeType.ROCKETMQ).remark("abc");
        byte[] frame = FrameCodec.encodeToBytes(command);
        ByteBuffer.wrap(frame).putInt(8 + 13, 1000);

        assertThatThrownBy(() -> FrameCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("remark length 1000");
    }

    @Test
    void shouldRejectJsonHeaderFollowedByGarbageInsideTheHeaderLength() {
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("{\"code\":1}xyz", new byte[0])))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("trailing bytes after its object, which ends at byte 10 of the declared 13");
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("{\"code\":1}{\"code\":2}", new byte[0])))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> FrameCodec.decode(jsonFrame("{\"code\":1}\u0000", new byte[0])))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldRejectJsonHeaderFollowedByGarbageInADirectBuffer() {
        byte[] frame = jsonFrame("{\"code\":1} 7", new byte[] {1, 2});
        ByteBuf direct = Unpooled.directBuffer(frame.length).writeBytes(frame);
        try {
            assertThatThrownBy(() -> FrameCodec.decode(direct))
                    .isInstanceOf(MalformedFrameException.class)
                    .hasMessageContaining("ends at byte 10 of the declared 12");
        } finally {
            direct.release();
        }
    }

    @Test
    void shouldAcceptWhitespaceAfterJsonHeaderObject() {
        RemotingCommand command = FrameCodec.decode(jsonFrame("{\"code\":7,\"opaque\":3} \r\n\t", new byte[] {9}));

        assertThat(command.code()).isEqualTo(7);
        assertThat(command.opaque()).isEqualTo(3);
        assertThat(command.body()).containsExactly(9);
    }

    @Test
    void shouldRejectBinaryHeaderWhoseFieldsEndBeforeTheHeaderLength() {
        byte[] frame = binaryFrameWithTrailingHeaderBytes(RemotingCommand.request(310).putExt("a", "PG1"), 3);

        assertThatThrownBy(() -> FrameCodec.decode(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("binary header fields end at byte 31 of the declared header length 34")
                .hasMessageContaining("3 trailing bytes");
    }

    /** A ROCKETMQ frame of {@code command} (no body) whose header length claims {@code extra} more bytes. */
    static byte[] binaryFrameWithTrailingHeaderBytes(RemotingCommand command, int extra) {
        byte[] exact = FrameCodec.encodeToBytes(command.serializeType(SerializeType.ROCKETMQ));
        ByteBuffer frame = ByteBuffer.allocate(exact.length + extra).put(exact);
        frame.putInt(0, exact.length - 4 + extra);
        frame.putInt(4, frame.getInt(4) + extra);
        return frame.array();
    }

    static byte[] jsonFrame(String header, byte[] body) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + body.length)
                .putInt(4 + json.length + body.length).putInt(json.length).put(json).put(body).array();
    }

    private static String hex(String text) {
        return ByteBufUtil.hexDump(text.getBytes(StandardCharsets.UTF_8));
    }
}
