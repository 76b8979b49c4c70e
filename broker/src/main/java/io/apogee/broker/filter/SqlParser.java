package io.apogee.broker.filter;

import io.apogee.broker.filter.SqlNode.Op;
import io.apogee.broker.filter.SqlToken.Kind;
import io.apogee.common.text.ClientText;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for RocketMQ's SQL92 filter subset. Grammar (keywords case-insensitive):
 * <pre>
 * expr      := and (OR and)*
 * and       := not (AND not)*
 * not       := NOT not | predicate
 * predicate := '(' expr ')'
 *            | operand ( ('=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') operand
 *                      | IS [NOT] NULL
 *                      | [NOT] BETWEEN number AND number
 *                      | [NOT] IN '(' string (',' string)* ')'
 *                      | [NOT] (CONTAINS | STARTSWITH | ENDSWITH) string )?
 * operand   := property | string | [+-] number | TRUE | FALSE | NULL
 * </pre>
 * Precedence is SQL's: comparisons bind tighter than NOT, NOT tighter than AND, AND tighter than OR. As in
 * RocketMQ, {@code < <= > >= BETWEEN} need numbers (a string literal there is an error), {@code NULL} can
 * only be tested with {@code IS [NOT] NULL}, BETWEEN's bounds must be ascending, IN / CONTAINS / STARTSWITH /
 * ENDSWITH take a property on the left and string literals on the right, and a bare operand is a condition
 * only if it is a property (true when its value is {@code true}) or TRUE / FALSE. An expression longer than
 * {@link SqlFilter#MAX_EXPRESSION_LENGTH} or nesting parentheses and NOTs deeper than
 * {@link SqlFilter#MAX_NESTING_DEPTH} is refused before it can exhaust the stack. Client text quoted in an error
 * (string literals, unexpected characters) is rendered by {@link ClientText}.
 *
 * <p>Not thread-safe; one instance per expression, used once.
 */
final class SqlParser {

    /** A comparison operand: a property or a literal value (String, Long, Double, Boolean, or null for NULL). */
    private record Operand(String property, Object literal, int position) {
        boolean isProperty() {
            return property != null;
        }

        boolean isNumber() {
            return literal instanceof Long || literal instanceof Double;
        }

        String describe() {
            if (isProperty()) {
                return "property " + ClientText.of(property);
            }
            return literal instanceof String s ? "'" + ClientText.of(s) + "'" : String.valueOf(literal).toUpperCase();
        }
    }

    private final List<SqlToken> tokens;
    private int next;
    /** Parentheses and NOTs currently open. */
    private int depth;

    private SqlParser(List<SqlToken> tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code text}; a SqlSyntaxException names the position and the offending token. */
    static SqlNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SqlSyntaxException(0, "empty SQL92 expression");
        }
        if (text.length() > SqlFilter.MAX_EXPRESSION_LENGTH) {
            throw tooLong(text);
        }
        SqlParser parser = new SqlParser(SqlLexer.tokenize(text));
        SqlNode root = parser.or();
        SqlToken rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new SqlSyntaxException(rest.position(), "unexpected " + rest.describe());
        }
        return root;
    }

    /** The error for an expression over {@link SqlFilter#MAX_EXPRESSION_LENGTH}. */
    static SqlSyntaxException tooLong(String text) {
        return new SqlSyntaxException(SqlFilter.MAX_EXPRESSION_LENGTH, "the SQL92 expression has " + text.length()
                + " characters, more than the limit of " + SqlFilter.MAX_EXPRESSION_LENGTH);
    }

    /** Opens one level of nesting at {@code at}; deeper than the limit is an error. */
    private void enter(SqlToken at) {
        depth++;
        if (depth > SqlFilter.MAX_NESTING_DEPTH) {
            throw new SqlSyntaxException(at.position(), "the SQL92 expression nests parentheses and NOTs deeper "
                    + "than the limit of " + SqlFilter.MAX_NESTING_DEPTH);
        }
    }

    private SqlNode or() {
        SqlNode left = and();
        while (acceptKeyword("OR")) {
            left = new SqlNode.Or(left, and());
        }
        return left;
    }

    private SqlNode and() {
        SqlNode left = not();
        while (acceptKeyword("AND")) {
            left = new SqlNode.And(left, not());
        }
        return left;
    }

    private SqlNode not() {
        SqlToken t = peek();
        if (acceptKeyword("NOT")) {
            enter(t);
            SqlNode negated = new SqlNode.Not(not());
            depth--;
            return negated;
        }
        return predicate();
    }

    private SqlNode predicate() {
        if (peek().kind() == Kind.LPAREN) {
            enter(advance());
            SqlNode inner = or();
            expect(Kind.RPAREN, "')'");
            depth--;
            return inner;
        }
        Operand left = operand();
        SqlToken t = peek();
        if (t.kind() == Kind.OPERATOR && Op.of(t.text()) != null) {
            advance();
            return comparison(left, Op.of(t.text()), operand(), t);
        }
        if (acceptKeyword("IS")) {
            boolean negated = acceptKeyword("NOT");
            expectKeyword("NULL");
            return isNull(left, negated);
        }
        boolean negated = false;
        if (t.isKeyword("NOT") && isNegatable(peekAt(1))) {
            advance();
            negated = true;
            t = peek();
        }
        if (acceptKeyword("BETWEEN")) {
            return between(left, negated, t);
        }
        if (acceptKeyword("IN")) {
            return in(left, negated, t);
        }
        for (SqlNode.Match match : SqlNode.Match.values()) {
            if (acceptKeyword(match.name())) {
                String text = expectString();
                return new SqlNode.TextMatch(requireProperty(left, t), match, text, negated);
            }
        }
        return condition(left);
    }

    private static boolean isNegatable(SqlToken t) {
        return t.isKeyword("BETWEEN") || t.isKeyword("IN") || t.isKeyword("CONTAINS") || t.isKeyword("STARTSWITH")
                || t.isKeyword("ENDSWITH");
    }

    private Operand operand() {
        SqlToken t = advance();
        return switch (t.kind()) {
            case IDENTIFIER -> new Operand(t.text(), null, t.position());
            case STRING -> new Operand(null, t.text(), t.position());
            case INTEGER, DECIMAL -> new Operand(null, number("", t), t.position());
            case OPERATOR -> signedNumber(t);
            case KEYWORD -> switch (t.text()) {
                case "TRUE" -> new Operand(null, Boolean.TRUE, t.position());
                case "FALSE" -> new Operand(null, Boolean.FALSE, t.position());
                case "NULL" -> new Operand(null, null, t.position());
                default -> throw expected("a property name or a literal", t);
            };
            default -> throw expected("a property name or a literal", t);
        };
    }

    private Operand signedNumber(SqlToken sign) {
        SqlToken t = peek();
        if ((sign.text().equals("-") || sign.text().equals("+"))
                && (t.kind() == Kind.INTEGER || t.kind() == Kind.DECIMAL)) {
            advance();
            return new Operand(null, number(sign.text(), t), sign.position());
        }
        throw expected("a property name or a literal", sign);
    }

    private static Object number(String sign, SqlToken t) {
        String image = sign + t.text();
        try {
            return t.kind() == Kind.INTEGER ? (Object) Long.parseLong(image) : (Object) Double.parseDouble(image);
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException(t.position(), "number " + image + " is out of range");
        }
    }

    private SqlNode comparison(Operand left, Op op, Operand right, SqlToken at) {
        checkComparable(left, op);
        checkComparable(right, op);
        if (!left.isProperty() && right.isProperty()) {
            return comparison(right, op.flip(), left, at);
        }
        if (!left.isProperty()) {
            return new SqlNode.Constant(Truth.of(op.accepts(compareLiterals(left.literal(), right.literal()))));
        }
        if (right.isProperty()) {
            return new SqlNode.CompareProperties(left.property(), op, right.property());
        }
        return compareWithLiteral(left.property(), op, right.literal());
    }

    /** NULL is never compared; only numbers are ordered. */
    private static void checkComparable(Operand o, Op op) {
        if (!o.isProperty() && o.literal() == null) {
            throw new SqlSyntaxException(o.position(), "NULL cannot be compared with '" + op.symbol
                    + "'; use IS NULL or IS NOT NULL");
        }
        if (!op.isEquality() && !o.isProperty() && !o.isNumber()) {
            throw new SqlSyntaxException(o.position(), "value " + o.describe() + " cannot be compared with '"
                    + op.symbol + "'; only numbers can");
        }
    }

    private static SqlNode compareWithLiteral(String name, Op op, Object value) {
        if (value instanceof Long l) {
            return new SqlNode.CompareNumber(name, op, true, l, l.doubleValue());
        }
        if (value instanceof Double d) {
            return new SqlNode.CompareNumber(name, op, false, 0, d);
        }
        if (value instanceof Boolean b) {
            return new SqlNode.CompareBoolean(name, op == Op.EQ, b);
        }
        return new SqlNode.CompareText(name, op == Op.EQ, (String) value);
    }

    /** Constant folding of two literals: numbers numerically, equal values 0, anything else unequal. */
    private static int compareLiterals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return a.equals(b) ? 0 : -1;
    }

    private SqlNode isNull(Operand left, boolean negated) {
        if (!left.isProperty()) {
            return new SqlNode.Constant(Truth.of((left.literal() == null) != negated));
        }
        return new SqlNode.IsNull(left.property(), negated);
    }

    private SqlNode between(Operand value, boolean negated, SqlToken at) {
        Operand low = operand();
        expectKeyword("AND");
        Operand high = operand();
        for (Operand bound : new Operand[] {low, high}) {
            if (!bound.isNumber()) {
                throw new SqlSyntaxException(bound.position(), "BETWEEN bound " + bound.describe()
                        + " is not a number");
            }
        }
        if (compareLiterals(low.literal(), high.literal()) > 0) {
            throw new SqlSyntaxException(low.position(), "BETWEEN bounds are descending: " + low.literal()
                    + " is greater than " + high.literal());
        }
        if (negated) {
            return new SqlNode.Or(comparison(value, Op.LT, low, at), comparison(value, Op.GT, high, at));
        }
        return new SqlNode.And(comparison(value, Op.GE, low, at), comparison(value, Op.LE, high, at));
    }

    private SqlNode in(Operand left, boolean negated, SqlToken at) {
        String name = requireProperty(left, at);
        expect(Kind.LPAREN, "'('");
        List<String> values = new ArrayList<>();
        values.add(expectString());
        while (peek().kind() == Kind.COMMA) {
            advance();
            values.add(expectString());
        }
        expect(Kind.RPAREN, "')' or ','");
        return new SqlNode.In(name, values.toArray(new String[0]), negated);
    }

    private SqlNode condition(Operand operand) {
        if (operand.isProperty()) {
            return new SqlNode.BooleanProperty(operand.property());
        }
        if (operand.literal() instanceof Boolean b) {
            return new SqlNode.Constant(Truth.of(b));
        }
        SqlToken t = peek();
        throw new SqlSyntaxException(operand.position(), operand.describe() + " is not a condition"
                + (t.kind() == Kind.END ? "" : " (followed by " + t.describe() + ")"));
    }

    private static String requireProperty(Operand operand, SqlToken op) {
        if (!operand.isProperty()) {
            throw new SqlSyntaxException(operand.position(), "'" + op.text() + "' needs a property on its left, not "
                    + operand.describe());
        }
        return operand.property();
    }

    private String expectString() {
        SqlToken t = advance();
        if (t.kind() != Kind.STRING) {
            throw expected("a string literal", t);
        }
        return t.text();
    }

    private void expect(Kind kind, String what) {
        SqlToken t = advance();
        if (t.kind() != kind) {
            throw expected(what, t);
        }
    }

    private void expectKeyword(String keyword) {
        SqlToken t = advance();
        if (!t.isKeyword(keyword)) {
            throw expected(keyword, t);
        }
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    private static SqlSyntaxException expected(String what, SqlToken found) {
        return new SqlSyntaxException(found.position(), "expected " + what + " but found " + found.describe());
    }

    private SqlToken peek() {
        return tokens.get(next);
    }

    private SqlToken peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private SqlToken advance() {
        SqlToken t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }
}
