package io.apogee.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupNameRuleTest {

    @Test
    void shouldAcceptWhatTheClientsAccept() {
        assertThat(GroupNameRule.check("CLIENT_INNER_PRODUCER")).isEmpty();
        assertThat(GroupNameRule.check("ns%GID_orders-1|x")).isEmpty();
        assertThat(GroupNameRule.check("g".repeat(120))).as("5.4.0 client limit").isEmpty();
        assertThat(GroupNameRule.check("g".repeat(GroupNameRule.MAX_LENGTH))).isEmpty();
    }

    @Test
    void shouldKeepTheRetryTopicOfTheLongestGroupLegal() {
        String longest = "g".repeat(GroupNameRule.MAX_LENGTH);

        assertThat(GroupNameRule.MAX_LENGTH).isEqualTo(248);
        assertThat(TopicNameRule.check(SystemTopics.RETRY_PREFIX + longest)).isEmpty();
        assertThat(TopicNameRule.check(SystemTopics.DLQ_PREFIX + longest)).isEmpty();
    }

    @Test
    void shouldRejectIllegalCharactersNamingThem() {
        assertThat(GroupNameRule.check("G/1")).hasValueSatisfying(r ->
                assertThat(r).contains("group name 'G/1'").contains("'/'").contains("index 1"));
        assertThat(GroupNameRule.check("G\nx")).hasValueSatisfying(r ->
                assertThat(r).contains("'G\\nx'").doesNotContain("\n"));
        assertThat(GroupNameRule.check("G.1")).isPresent();
    }

    @Test
    void shouldRejectEmptyAndTooLongNamesWithABoundedMessage() {
        assertThat(GroupNameRule.check("")).hasValue("the group name is empty");
        assertThat(GroupNameRule.check(null)).isPresent();
        assertThat(GroupNameRule.check("g".repeat(GroupNameRule.MAX_LENGTH + 1))).hasValueSatisfying(r ->
                assertThat(r).contains("249 characters").contains("allowed 248"));
        assertThat(GroupNameRule.check("g".repeat(10_000))).hasValueSatisfying(r ->
                assertThat(r).contains("(10000 chars)").hasSizeLessThan(600));
    }
}
