package io.apogee.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void shouldReturnShortPlainTextUnchanged() {
        String name = "%RETRY%Group_A-1|x";

        assertThat(ClientText.of(name)).isSameAs(name);
        assertThat(ClientText.of("")).isEmpty();
        assertThat(ClientText.of(null)).isEqualTo("null");
    }

    @Test
    void shouldEchoTheLongestLegalNameWhole() {
        String retryTopic = "%RETRY%" + "g".repeat(248);

        assertThat(ClientText.of(retryTopic)).isSameAs(retryTopic);
    }

    @Test
    void shouldCutLongTextAndSayHowLongItWas() {
        String rendered = ClientText.of("x".repeat(10_000));

        assertThat(rendered).isEqualTo("x".repeat(ClientText.MAX_CHARS) + "\u2026(10000 chars)");
    }

    @Test
    void shouldEscapeControlCharactersSoAnEchoCannotForgeLogLines() {
        assertThat(ClientText.of("G\nERROR fake line\r\tx")).isEqualTo("G\\nERROR fake line\\r\\tx");
        assertThat(ClientText.of("a\u0000b\u007fc\u0085d")).isEqualTo("a\\u0000b\\u007fc\\u0085d");
        assertThat(ClientText.of("a\u2028b\u202ec")).isEqualTo("a\\u2028b\\u202ec");
    }

    @Test
    void shouldKeepPrintableNonAsciiText() {
        assertThat(ClientText.of("caf\u00e9 \u4e2d\u6587")).isEqualTo("caf\u00e9 \u4e2d\u6587");
    }

    @Test
    void shouldNotSplitASurrogatePairWhenCutting() {
        String text = "a".repeat(ClientText.MAX_CHARS - 1) + "\ud83d\ude00" + "tail";

        String rendered = ClientText.of(text);

        assertThat(rendered).startsWith("a".repeat(ClientText.MAX_CHARS - 1) + "\u2026(");
        assertThat(rendered).endsWith("(" + text.length() + " chars)");
    }

    @Test
    void shouldEscapeBeforeCuttingAndCountTheOriginalLength() {
        String rendered = ClientText.of("\n".repeat(300));

        assertThat(rendered).isEqualTo("\\n".repeat(ClientText.MAX_CHARS) + "\u2026(300 chars)");
    }
}
