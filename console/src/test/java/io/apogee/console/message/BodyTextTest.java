package io.apogee.console.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The body renderings: hex dump layout, and JSON only for one whole object or array. */
class BodyTextTest {

    @Test
    void shouldDumpSixteenBytesALineWithOffsetsAndPrintableCharacters() {
        byte[] body = "Hello, hex world!\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(BodyText.hex(body)).isEqualTo(
                "00000000  48 65 6c 6c 6f 2c 20 68 65 78 20 77 6f 72 6c 64  |Hello, hex world|\n"
                + "00000010  21 0a                                            |!.|\n");
    }

    @Test
    void shouldPrettyPrintOnlyAWholeJsonObjectOrArray() {
        assertThat(BodyText.json("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(
                text -> assertThat(text).contains("\"a\" : [ 1, 2 ]"));
        assertThat(BodyText.json("{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BodyText.json("42".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BodyText.json("plain text".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BodyText.json(new byte[0])).isEmpty();
    }
}
