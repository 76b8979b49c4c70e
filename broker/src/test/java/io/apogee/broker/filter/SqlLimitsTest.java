package io.apogee.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlLimitsTest {

    private static String nested(int depth) {
        return "(".repeat(depth) + "a = 1" + ")".repeat(depth);
    }

    @Test
    void shouldRefuseDeepParenthesesWithTheLimitInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> SqlFilter.compile(nested(5_000)))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("10005 characters")
                .hasMessageContaining("limit of " + SqlFilter.MAX_EXPRESSION_LENGTH);
    }

    @Test
    void shouldRefuseLongNotChainsWithTheLimitInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> SqlFilter.compile("NOT ".repeat(20_000) + "a"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("limit of " + SqlFilter.MAX_EXPRESSION_LENGTH);
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitWithinTheLengthLimit() {
        int tooDeep = SqlFilter.MAX_NESTING_DEPTH + 1;

        assertThatThrownBy(() -> SqlFilter.compile(nested(tooDeep)))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("nests parentheses and NOTs deeper than the limit of "
                        + SqlFilter.MAX_NESTING_DEPTH)
                .hasMessageContaining("at position " + SqlFilter.MAX_NESTING_DEPTH);
        assertThatThrownBy(() -> SqlFilter.compile("NOT ".repeat(tooDeep) + "a"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("deeper than the limit of " + SqlFilter.MAX_NESTING_DEPTH);
        assertThatThrownBy(() -> SqlFilter.compile("(NOT ".repeat(33) + "a" + ")".repeat(33)))
                .as("parentheses and NOTs count together")
                .isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void shouldCompileAndEvaluateExpressionsAtTheLimits() {
        int depth = SqlFilter.MAX_NESTING_DEPTH;
        String props = "a\u00011\u0002";

        assertThat(SqlFilter.compile(nested(depth)).evaluate(props)).isEqualTo(Truth.TRUE);
        assertThat(SqlFilter.compile("NOT ".repeat(depth) + "a = 1").evaluate(props)).isEqualTo(Truth.TRUE);
        assertThat(SqlFilter.compile(nested(depth) + " AND " + nested(depth)).evaluate(props))
                .as("the depth is that of the deepest branch, not the sum").isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldEvaluateTheLongestAndChainWithinTheLengthLimit() {
        String term = "a = 1 AND ";
        String expression = term.repeat(SqlFilter.MAX_EXPRESSION_LENGTH / term.length() - 1) + "a = 1";

        assertThat(expression.length()).isLessThanOrEqualTo(SqlFilter.MAX_EXPRESSION_LENGTH);
        assertThat(SqlFilter.compile(expression).evaluate("a\u00011\u0002")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldRenderQuotedClientTextInSyntaxErrors() {
        assertThatThrownBy(() -> SqlFilter.compile("a = 1 AND 'x\ny" + "z".repeat(1_000) + "'"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("x\\ny")
                .hasMessageNotContaining("\n")
                .hasMessageContaining("chars)");
        assertThatThrownBy(() -> SqlFilter.compile("a = 1 AND b = \u0007"))
                .hasMessageContaining("'\\u0007'");
    }
}
