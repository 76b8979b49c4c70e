package io.apogee.broker.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFilterTest {

    /** Properties in the stored-message form: name U+0001 value U+0002 ... */
    private static String props(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        StringBuilder sb = new StringBuilder();
        map.forEach((k, v) -> sb.append(k).append('\u0001').append(v).append('\u0002'));
        return sb.toString();
    }

    private static Truth eval(String sql, String... nameValues) {
        return SqlFilter.compile(sql).evaluate(props(nameValues));
    }

    @Test
    void shouldCompareNumbersNumericallyAgainstStringValues() {
        assertThat(eval("a = 3", "a", "3")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = 3", "a", "03")).isEqualTo(Truth.TRUE);
        assertThat(eval("a <> 3", "a", "4")).isEqualTo(Truth.TRUE);
        assertThat(eval("a > 10", "a", "9")).isEqualTo(Truth.FALSE);
        assertThat(eval("a > 10", "a", "11")).isEqualTo(Truth.TRUE);
        assertThat(eval("a >= 10", "a", "10")).isEqualTo(Truth.TRUE);
        assertThat(eval("a < -1", "a", "-2")).isEqualTo(Truth.TRUE);
        assertThat(eval("a <= 2.5", "a", "2.5")).isEqualTo(Truth.TRUE);
        assertThat(eval("a < 2.5", "a", "2")).isEqualTo(Truth.TRUE);
        assertThat(eval("a > 2", "a", "2.1")).isEqualTo(Truth.TRUE);
        assertThat(eval("a > 1E3", "a", "1001")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = 5L", "a", "5")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldTreatNonNumericValueAgainstNumberAsUnknown() {
        assertThat(eval("a = 3", "a", "three")).isEqualTo(Truth.UNKNOWN);
        assertThat(eval("a > 3", "a", "")).isEqualTo(Truth.UNKNOWN);
        assertThat(SqlFilter.compile("a <> 3").matches(props("a", "x"))).isFalse();
    }

    @Test
    void shouldCompareStringsForEqualityOnly() {
        assertThat(eval("b = 'x'", "b", "x")).isEqualTo(Truth.TRUE);
        assertThat(eval("b = 'x'", "b", "xy")).isEqualTo(Truth.FALSE);
        assertThat(eval("b <> 'x'", "b", "y")).isEqualTo(Truth.TRUE);
        assertThat(eval("'x' = b", "b", "x")).isEqualTo(Truth.TRUE);
        assertThat(eval("b = 'it''s'", "b", "it's")).isEqualTo(Truth.TRUE);
        assertThat(eval("b = '3'", "b", "3")).isEqualTo(Truth.TRUE);
        assertThatThrownBy(() -> SqlFilter.compile("b > 'x'")).isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("'x'").hasMessageContaining("only numbers");
    }

    @Test
    void shouldTreatAbsentPropertyAsNull() {
        assertThat(eval("a = 1")).isEqualTo(Truth.UNKNOWN);
        assertThat(eval("a <> 1")).isEqualTo(Truth.UNKNOWN);
        assertThat(eval("NOT (a = 1)")).isEqualTo(Truth.UNKNOWN);
        assertThat(eval("a IS NULL")).isEqualTo(Truth.TRUE);
        assertThat(eval("a IS NOT NULL")).isEqualTo(Truth.FALSE);
        assertThat(eval("a IS NOT NULL", "a", "1")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = 1 OR b = 'x'", "b", "x")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = 1 AND b = 'y'", "b", "x")).isEqualTo(Truth.FALSE);
        assertThat(eval("a = 1 AND b = 'x'", "b", "x")).isEqualTo(Truth.UNKNOWN);
        assertThat(SqlFilter.compile("a IN ('1') OR a NOT IN ('1')").matches(props())).isFalse();
    }

    @Test
    void shouldEvaluateBetweenInclusively() {
        SqlFilter f = SqlFilter.compile("a between 0 and 3");
        assertThat(f.matches(props("a", "0"))).isTrue();
        assertThat(f.matches(props("a", "3"))).isTrue();
        assertThat(f.matches(props("a", "4"))).isFalse();
        assertThat(f.matches(props("a", "-1"))).isFalse();
        assertThat(f.matches(props())).isFalse();
        SqlFilter not = SqlFilter.compile("a NOT BETWEEN 0 AND 3");
        assertThat(not.matches(props("a", "4"))).isTrue();
        assertThat(not.matches(props("a", "2"))).isFalse();
        assertThat(not.matches(props())).isFalse();
    }

    @Test
    void shouldEvaluateInAndNotIn() {
        assertThat(eval("TAGS IN ('TagA', 'TagB')", "TAGS", "TagB")).isEqualTo(Truth.TRUE);
        assertThat(eval("TAGS IN ('TagA', 'TagB')", "TAGS", "TagC")).isEqualTo(Truth.FALSE);
        assertThat(eval("TAGS NOT IN ('TagA')", "TAGS", "TagC")).isEqualTo(Truth.TRUE);
        assertThat(eval("TAGS NOT IN ('TagA')", "TAGS", "TagA")).isEqualTo(Truth.FALSE);
    }

    @Test
    void shouldEvaluateTextMatches() {
        assertThat(eval("s CONTAINS 'ell'", "s", "hello")).isEqualTo(Truth.TRUE);
        assertThat(eval("s CONTAINS 'xyz'", "s", "hello")).isEqualTo(Truth.FALSE);
        assertThat(eval("s NOT CONTAINS 'xyz'", "s", "hello")).isEqualTo(Truth.TRUE);
        assertThat(eval("s STARTSWITH 'he'", "s", "hello")).isEqualTo(Truth.TRUE);
        assertThat(eval("s startswith 'lo'", "s", "hello")).isEqualTo(Truth.FALSE);
        assertThat(eval("s ENDSWITH 'lo'", "s", "hello")).isEqualTo(Truth.TRUE);
        assertThat(eval("s NOT ENDSWITH 'lo'", "s", "hello")).isEqualTo(Truth.FALSE);
        assertThat(eval("s NOT STARTSWITH 'x'", "s", "hello")).isEqualTo(Truth.TRUE);
        assertThat(eval("s CONTAINS 'o'", "s", "hell", "t", "o")).isEqualTo(Truth.FALSE);
        assertThat(eval("s CONTAINS 'x'")).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void shouldBindAndTighterThanOr() {
        // a=1 OR (b=1 AND c=1)
        SqlFilter f = SqlFilter.compile("a = 1 OR b = 1 AND c = 1");
        assertThat(f.matches(props("a", "1", "b", "0", "c", "0"))).isTrue();
        assertThat(f.matches(props("a", "0", "b", "1", "c", "0"))).isFalse();
        SqlFilter grouped = SqlFilter.compile("(a = 1 OR b = 1) AND c = 1");
        assertThat(grouped.matches(props("a", "1", "b", "0", "c", "0"))).isFalse();
    }

    @Test
    void shouldApplyNotToTheWholeComparison() {
        assertThat(eval("NOT a = 1", "a", "2")).isEqualTo(Truth.TRUE);
        assertThat(eval("NOT a = 1 AND b = 2", "a", "1", "b", "2")).isEqualTo(Truth.FALSE);
        assertThat(eval("NOT NOT a = 1", "a", "1")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldHandleBooleanLiteralsAndKeywordCase() {
        assertThat(eval("TRUE")).isEqualTo(Truth.TRUE);
        assertThat(eval("false OR true")).isEqualTo(Truth.TRUE);
        assertThat(eval("flag = TRUE", "flag", "true")).isEqualTo(Truth.TRUE);
        assertThat(eval("flag = FALSE", "flag", "true")).isEqualTo(Truth.FALSE);
        assertThat(eval("flag", "flag", "TRUE")).isEqualTo(Truth.TRUE);
        assertThat(eval("a Is Not Null aNd a bEtWeEn 1 AnD 2", "a", "1")).isEqualTo(Truth.TRUE);
        assertThat(eval("1 < 2")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldTreatPropertyNamesCaseSensitivelyAndExactly() {
        assertThat(eval("a = 1", "A", "1")).isEqualTo(Truth.UNKNOWN);
        assertThat(eval("a = 1", "aa", "1", "a", "1")).isEqualTo(Truth.TRUE);
        assertThat(eval("a_1 = 1", "a_1", "1")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = b", "a", "5", "b", "5.0")).isEqualTo(Truth.TRUE);
        assertThat(eval("a < b", "a", "5", "b", "6")).isEqualTo(Truth.TRUE);
        assertThat(eval("a = b", "a", "x", "b", "x")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldSkipComments() {
        assertThat(eval("a = 1 -- trailing\n AND /* block */ b = 2", "a", "1", "b", "2")).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldReportErrorsWithPositionAndToken() {
        assertError("a = ", 4, "expected a property name or a literal but found end of expression");
        assertError("a = 1 AND", 9, "end of expression");
        assertError("a = 1 b", 6, "unexpected 'b'");
        assertError("a IN (1, 2)", 6, "expected a string literal but found '1'");
        assertError("a BETWEEN 3 AND 1", 10, "descending");
        assertError("a BETWEEN 'x' AND 1", 10, "not a number");
        assertError("a = NULL", 4, "IS NULL");
        assertError("(a = 1", 6, "expected ')'");
        assertError("a = 'open", 4, "unterminated string");
        assertError("a # 1", 2, "unexpected character '#'");
        assertError("a IS 1", 5, "expected NULL but found '1'");
        assertError("'x'", 0, "is not a condition");
        assertError("", 0, "empty");
        assertError("a = 99999999999999999999", 4, "out of range");
        assertError("a NOT 1", 2, "unexpected 'NOT'");
    }

    @Test
    void shouldCacheCompiledFiltersAndErrors() {
        assertThat(SqlFilter.compile("x = 1")).isSameAs(SqlFilter.compile("x = 1"));
        assertError("x =", 3, "expected");
        assertError("x =", 3, "expected");
    }

    private static void assertError(String sql, int position, String text) {
        assertThatThrownBy(() -> SqlFilter.compile(sql))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> assertThat(e.position()).isEqualTo(position))
                .hasMessageContaining(text)
                .hasMessageContaining("at position " + position);
    }
}
