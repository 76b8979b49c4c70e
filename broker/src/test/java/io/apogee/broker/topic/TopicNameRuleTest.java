package io.apogee.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNameRuleTest {

    @Test
    void shouldAcceptLegalNames() {
        assertThat(TopicNameRule.check("Topic_A-1|x%")).isEmpty();
        assertThat(TopicNameRule.check("a".repeat(127))).isEmpty();
        assertThat(TopicNameRule.check("%RETRY%" + "g".repeat(120))).isEmpty();
        assertThat(TopicNameRule.check("%RETRY%" + "g".repeat(GroupNameRule.MAX_LENGTH))).isEmpty();
    }

    @Test
    void shouldRenderTheNameAndTheCharacterSafely() {
        assertThat(TopicNameRule.check("Topic\nA")).hasValueSatisfying(r ->
                assertThat(r).contains("'Topic\\nA'").contains("'\\n'").doesNotContain("\n"));
        assertThat(TopicNameRule.check("T".repeat(10_000))).hasValueSatisfying(r ->
                assertThat(r).contains("(10000 chars)").hasSizeLessThan(600));
    }

    @Test
    void shouldNameTheIllegalCharacter() {
        assertThat(TopicNameRule.check("Topic.A")).hasValueSatisfying(r ->
                assertThat(r).contains("'Topic.A'").contains("'.'").contains("index 5"));
    }

    @Test
    void shouldRejectTooLongAndEmptyNames() {
        assertThat(TopicNameRule.check("a".repeat(128))).hasValueSatisfying(r -> assertThat(r).contains("128"));
        assertThat(TopicNameRule.check("")).isPresent();
        assertThat(TopicNameRule.check(null)).isPresent();
    }
}
