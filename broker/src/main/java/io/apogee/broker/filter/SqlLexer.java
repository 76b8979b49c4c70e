package io.apogee.broker.filter;

import io.apogee.broker.filter.SqlToken.Kind;
import io.apogee.common.text.ClientText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a SQL92 filter expression into {@link SqlToken}s, following RocketMQ's selector grammar:
 * case-insensitive keywords, identifiers {@code [A-Za-z_$][A-Za-z0-9_$]*}, string literals in single
 * quotes ({@code ''} is a quote), integers (optional {@code L} suffix), decimals ({@code 1.5}, {@code .5},
 * {@code 5E3}), operators {@code = <> < <= > >= + -}, parentheses and commas; blanks, {@code -- line} and
 * {@code /* block *}{@code /} comments are skipped.
 *
 * <p>Not thread-safe; one instance per expression, used once.
 */
final class SqlLexer {

    static final Set<String> KEYWORDS = Set.of("NOT", "AND", "OR", "BETWEEN", "IN", "TRUE", "FALSE", "NULL", "IS",
            "CONTAINS", "STARTSWITH", "ENDSWITH");

    private final String text;
    private int pos;

    private SqlLexer(String text) {
        this.text = text;
    }

    /** All tokens of {@code text}, ending with an END token. */
    static List<SqlToken> tokenize(String text) {
        SqlLexer lexer = new SqlLexer(text);
        List<SqlToken> tokens = new ArrayList<>();
        SqlToken t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Kind.END);
        return tokens;
    }

    private SqlToken next() {
        skipBlanksAndComments();
        if (pos >= text.length()) {
            return new SqlToken(Kind.END, "", pos);
        }
        int start = pos;
        char c = text.charAt(pos);
        if (isIdentifierStart(c)) {
            return word(start);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        return switch (c) {
            case '\'' -> string(start);
            case '(' -> single(Kind.LPAREN, start);
            case ')' -> single(Kind.RPAREN, start);
            case ',' -> single(Kind.COMMA, start);
            case '=', '+', '-' -> single(Kind.OPERATOR, start);
            case '<' -> operator(start, text.startsWith("<>", pos) || text.startsWith("<=", pos) ? 2 : 1);
            case '>' -> operator(start, text.startsWith(">=", pos) ? 2 : 1);
            default -> throw new SqlSyntaxException(start,
                    "unexpected character '" + ClientText.of(String.valueOf(c)) + "'");
        };
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("--", pos)) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", pos)) {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new SqlSyntaxException(pos, "unterminated comment");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private SqlToken word(int start) {
        while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        String upper = word.toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(upper) ? new SqlToken(Kind.KEYWORD, upper, start)
                : new SqlToken(Kind.IDENTIFIER, word, start);
    }

    private SqlToken number(int start) {
        digits();
        boolean decimal = false;
        if (at('.')) {
            decimal = true;
            pos++;
            digits();
        }
        if (at('e') || at('E')) {
            decimal = true;
            exponent(start);
        }
        String image = text.substring(start, pos);
        if (!decimal && (at('l') || at('L'))) {
            pos++;
        }
        if (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
            throw new SqlSyntaxException(start, "malformed number '" + ClientText.of(text.substring(start, pos + 1))
                    + "'");
        }
        return new SqlToken(decimal ? Kind.DECIMAL : Kind.INTEGER, image, start);
    }

    /** Consumes {@code [eE][+-]digits} of the number that began at {@code start}. */
    private void exponent(int start) {
        pos++;
        if (at('+') || at('-')) {
            pos++;
        }
        int expStart = pos;
        digits();
        if (pos == expStart) {
            throw new SqlSyntaxException(start, "malformed number '" + ClientText.of(text.substring(start, pos)) + "'");
        }
    }

    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void digits() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private SqlToken string(int start) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != '\'') {
                value.append(c);
            } else if (pos < text.length() && text.charAt(pos) == '\'') {
                value.append('\'');
                pos++;
            } else {
                return new SqlToken(Kind.STRING, value.toString(), start);
            }
        }
        throw new SqlSyntaxException(start, "unterminated string literal");
    }

    private SqlToken single(Kind kind, int start) {
        pos++;
        return new SqlToken(kind, String.valueOf(text.charAt(start)), start);
    }

    private SqlToken operator(int start, int length) {
        pos += length;
        return new SqlToken(Kind.OPERATOR, text.substring(start, pos), start);
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
