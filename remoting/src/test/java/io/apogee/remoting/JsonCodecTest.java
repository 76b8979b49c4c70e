package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apogee.remoting.body.ConsumerOffsetSerializeWrapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading JSON as Apache's fastjson writes it: numeric map keys without quotes, only where asked to. */
class JsonCodecTest {

    private static final byte[] FASTJSON = "{\"offsetTable\":{\"T@G\":{0:15,1:7}}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReadUnquotedNumericKeysWhenLenient() {
        ConsumerOffsetSerializeWrapper w = JsonCodec.decodeLenient(FASTJSON, ConsumerOffsetSerializeWrapper.class);

        assertThat(w.offsetTable.get("T@G")).containsEntry(0, 15L).containsEntry(1, 7L);
    }

    @Test
    void shouldRefuseUnquotedKeysInStrictDecoding() {
        assertThatThrownBy(() -> JsonCodec.decode(FASTJSON, ConsumerOffsetSerializeWrapper.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConsumerOffsetSerializeWrapper");
    }
}
