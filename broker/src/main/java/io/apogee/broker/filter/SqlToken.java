package io.apogee.broker.filter;

import io.apogee.common.text.ClientText;

/**
 * One lexical token of a SQL92 filter expression.
 *
 * @param kind     what it is
 * @param text     identifier name, keyword (upper case), operator, or the decoded string literal
 * @param position 0-based index of its first character in the expression
 */
record SqlToken(Kind kind, String text, int position) {

    enum Kind { IDENTIFIER, KEYWORD, STRING, INTEGER, DECIMAL, OPERATOR, LPAREN, RPAREN, COMMA, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.KEYWORD, keyword);
    }

    /** How the token reads in an error message (client text rendered by {@link ClientText}). */
    String describe() {
        return switch (kind) {
            case END -> "end of expression";
            case STRING -> "string '" + ClientText.of(text) + "'";
            default -> "'" + ClientText.of(text) + "'";
        };
    }
}
