package io.apogee.broker.filter;

import io.apogee.store.MessageFilter;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A SQL92 subscription expression ({@code MessageSelector.bySql}) as a store filter: every consume-queue unit
 * passes the tag-code check, and each stored record is selected when the expression evaluates to TRUE over
 * its properties (user properties plus system ones such as {@code TAGS} and {@code KEYS}). Grammar and
 * semantics: {@link SqlParser}, {@link SqlNode}.
 *
 * <p>Limits (RocketMQ has none; its JavaCC parser overflows the stack on deep nesting): an expression may be at
 * most {@value #MAX_EXPRESSION_LENGTH} characters long and nest parentheses and NOTs at most
 * {@value #MAX_NESTING_DEPTH} deep. Both are far above real subscriptions — typically a few conditions, under
 * 200 characters and 5 levels — and keep the recursive-descent parser and the evaluator (whose recursion
 * depth is bounded by the nesting depth plus the number of AND / OR operators, hence by the length) within a
 * few hundred stack frames on any thread. A longer or deeper expression is a {@link SqlSyntaxException} naming
 * the limit, which the broker answers with SUBSCRIPTION_PARSE_FAILED (23) like any other syntax error.
 *
 * <p>{@link #compile} caches compiled filters (and syntax errors) by expression text, so heartbeats and pulls
 * that repeat an expression parse it once; an over-long expression is refused before the cache and never kept.
 * Immutable and thread-safe; the cache is a concurrent map cleared when it exceeds {@value #CACHE_LIMIT}
 * entries. Matching a record allocates the properties string only.
 */
public final class SqlFilter implements MessageFilter {

    /** Longest expression compiled, in characters. */
    public static final int MAX_EXPRESSION_LENGTH = 4096;
    /** Deepest nesting of parentheses and NOTs compiled. */
    public static final int MAX_NESTING_DEPTH = 64;
    static final int CACHE_LIMIT = 1024;
    private static final ConcurrentMap<String, Object> CACHE = new ConcurrentHashMap<>();

    private final String expression;
    private final SqlNode root;

    private SqlFilter(String expression, SqlNode root) {
        this.expression = expression;
        this.root = root;
    }

    /** The compiled filter for {@code expression}; a SqlSyntaxException names the position and token. */
    public static SqlFilter compile(String expression) {
        String key = expression == null ? "" : expression;
        if (key.length() > MAX_EXPRESSION_LENGTH) {
            throw SqlParser.tooLong(key);
        }
        Object cached = CACHE.get(key);
        if (cached == null) {
            cached = compileUncached(key);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.putIfAbsent(key, cached);
        }
        if (cached instanceof SqlSyntaxException error) {
            throw new SqlSyntaxException(error.position(), error.reason());
        }
        return (SqlFilter) cached;
    }

    private static Object compileUncached(String expression) {
        try {
            return new SqlFilter(expression, SqlParser.parse(expression));
        } catch (SqlSyntaxException e) {
            return e;
        }
    }

    /** Evaluates against a properties string ({@code name U+0001 value U+0002 ...}). */
    public Truth evaluate(String properties) {
        return root.test(properties);
    }

    /** True when the expression is TRUE for these properties (UNKNOWN and FALSE do not match). */
    public boolean matches(String properties) {
        return root.test(properties) == Truth.TRUE;
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return true;
    }

    @Override
    public boolean matchesRecord(ByteBuffer record) {
        return matches(StoredMessage.properties(record));
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
