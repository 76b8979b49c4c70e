package io.apogee.broker.filter;

import io.apogee.broker.filter.PropertyValues.NumberKind;

/**
 * A compiled SQL92 filter (sub)expression, evaluated against a message's properties string (format in
 * {@link PropertyValues}). Property names are case-sensitive; an absent property makes every comparison
 * {@link Truth#UNKNOWN}; a value that is not a number compared with a number is UNKNOWN too.
 *
 * <p>All nodes are immutable records, thread-safe; evaluation allocates nothing except when a decimal
 * value must be parsed or two properties are compared.
 */
sealed interface SqlNode {

    Truth test(String props);

    /** Comparison operators. */
    enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        boolean accepts(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }

        /** The operator with its operands swapped ({@code 3 < a} is {@code a > 3}). */
        Op flip() {
            return switch (this) {
                case EQ, NE -> this;
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
            };
        }

        boolean isEquality() {
            return this == EQ || this == NE;
        }
    }

    /** {@code CONTAINS}, {@code STARTSWITH}, {@code ENDSWITH}. */
    enum Match { CONTAINS, STARTSWITH, ENDSWITH }

    record Constant(Truth value) implements SqlNode {
        @Override
        public Truth test(String props) {
            return value;
        }
    }

    record And(SqlNode left, SqlNode right) implements SqlNode {
        @Override
        public Truth test(String props) {
            Truth l = left.test(props);
            if (l == Truth.FALSE) {
                return Truth.FALSE;
            }
            Truth r = right.test(props);
            if (r == Truth.FALSE) {
                return Truth.FALSE;
            }
            return l == Truth.TRUE && r == Truth.TRUE ? Truth.TRUE : Truth.UNKNOWN;
        }
    }

    record Or(SqlNode left, SqlNode right) implements SqlNode {
        @Override
        public Truth test(String props) {
            Truth l = left.test(props);
            if (l == Truth.TRUE) {
                return Truth.TRUE;
            }
            Truth r = right.test(props);
            if (r == Truth.TRUE) {
                return Truth.TRUE;
            }
            return l == Truth.FALSE && r == Truth.FALSE ? Truth.FALSE : Truth.UNKNOWN;
        }
    }

    record Not(SqlNode operand) implements SqlNode {
        @Override
        public Truth test(String props) {
            return operand.test(props).not();
        }
    }

    /** {@code name IS [NOT] NULL}. */
    record IsNull(String name, boolean negated) implements SqlNode {
        @Override
        public Truth test(String props) {
            boolean absent = PropertyValues.find(props, name) == PropertyValues.ABSENT;
            return Truth.of(absent != negated);
        }
    }

    /** A bare property used as a condition: TRUE when its value is {@code true} (any case). */
    record BooleanProperty(String name) implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            return Truth.of(isTrue(props, range));
        }

        static boolean isTrue(String props, long range) {
            int start = PropertyValues.start(range);
            return PropertyValues.end(range) - start == 4 && props.regionMatches(true, start, "true", 0, 4);
        }
    }

    /** {@code name op number}; integers compare exactly, anything else as doubles. */
    record CompareNumber(String name, Op op, boolean integral, long longValue, double doubleValue)
            implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            NumberKind kind = PropertyValues.numberKind(props, range);
            if (kind == NumberKind.NONE) {
                return Truth.UNKNOWN;
            }
            int comparison = integral && kind == NumberKind.INTEGER
                    ? Long.compare(PropertyValues.longValue(props, range), longValue)
                    : compareDoubles(PropertyValues.doubleValue(props, range, kind), doubleValue);
            return Truth.of(op.accepts(comparison));
        }

        static int compareDoubles(double a, double b) {
            return a < b ? -1 : (a > b ? 1 : 0);
        }
    }

    /** {@code name = 'text'} or {@code name <> 'text'}. */
    record CompareText(String name, boolean equal, String text) implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            return Truth.of(PropertyValues.equalsText(props, range, text) == equal);
        }
    }

    /** {@code name = TRUE/FALSE} or {@code <>}; a value other than {@code true} (any case) is false. */
    record CompareBoolean(String name, boolean equal, boolean value) implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            return Truth.of((BooleanProperty.isTrue(props, range) == value) == equal);
        }
    }

    /** {@code left op right} for two properties: numerically when both are numbers, else only = and <>. */
    record CompareProperties(String left, Op op, String right) implements SqlNode {
        @Override
        public Truth test(String props) {
            long l = PropertyValues.find(props, left);
            long r = PropertyValues.find(props, right);
            if (l == PropertyValues.ABSENT || r == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            NumberKind lk = PropertyValues.numberKind(props, l);
            NumberKind rk = PropertyValues.numberKind(props, r);
            if (lk != NumberKind.NONE && rk != NumberKind.NONE) {
                int comparison = CompareNumber.compareDoubles(PropertyValues.doubleValue(props, l, lk),
                        PropertyValues.doubleValue(props, r, rk));
                return Truth.of(op.accepts(comparison));
            }
            if (!op.isEquality()) {
                return Truth.UNKNOWN;
            }
            boolean same = PropertyValues.equalsText(props, l, PropertyValues.text(props, r));
            return Truth.of(same == (op == Op.EQ));
        }
    }

    /** {@code name [NOT] IN ('a', 'b', ...)}. */
    record In(String name, String[] values, boolean negated) implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            for (String value : values) {
                if (PropertyValues.equalsText(props, range, value)) {
                    return Truth.of(!negated);
                }
            }
            return Truth.of(negated);
        }
    }

    /** {@code name [NOT] CONTAINS/STARTSWITH/ENDSWITH 'text'}. */
    record TextMatch(String name, Match match, String text, boolean negated) implements SqlNode {
        @Override
        public Truth test(String props) {
            long range = PropertyValues.find(props, name);
            if (range == PropertyValues.ABSENT) {
                return Truth.UNKNOWN;
            }
            boolean found = switch (match) {
                case CONTAINS -> PropertyValues.contains(props, range, text);
                case STARTSWITH -> PropertyValues.startsWith(props, range, text);
                case ENDSWITH -> PropertyValues.endsWith(props, range, text);
            };
            return Truth.of(found != negated);
        }
    }
}
