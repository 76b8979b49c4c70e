package io.apogee.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class OffsetMsgIdTest {

    @Test
    void shouldReadAnOffsetMsgIdBackIntoHostAndOffset() {
        assertThat(OffsetMsgId.decode("7F00000100002A9F00000000000000F0"))
                .contains(new OffsetMsgId.Decoded("127.0.0.1:10911", 240));
    }

    @Test
    void shouldDecodeWhatItEncodesForIpv4AndIpv6() {
        String v4 = new OffsetMsgId(new InetSocketAddress("10.1.2.3", 10911)).of(123_456_789L);
        String v6 = new OffsetMsgId(new InetSocketAddress("::1", 10911)).of(42);

        assertThat(OffsetMsgId.decode(v4)).contains(new OffsetMsgId.Decoded("10.1.2.3:10911", 123_456_789L));
        assertThat(v6).hasSize(56);
        assertThat(OffsetMsgId.decode(v6)).contains(new OffsetMsgId.Decoded("[0:0:0:0:0:0:0:1]:10911", 42));
    }

    @Test
    void shouldRejectWhatIsNotAnOffsetMsgId() {
        assertThat(OffsetMsgId.decode("not-an-id")).isEmpty();
        assertThat(OffsetMsgId.decode("7F00000100002A9F000000000000ZZZZ")).as("not hex").isEmpty();
        assertThat(OffsetMsgId.decode("7F00000100002A9F00000000000000F")).as("31 digits").isEmpty();
        assertThat(OffsetMsgId.decode("7F00000100002A9FF0000000000000F0")).as("negative offset").isEmpty();
        assertThat(OffsetMsgId.decode(null)).isEmpty();
    }
}
