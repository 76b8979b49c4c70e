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
 * <p>{@link #compile} caches compiled filters (and syntax errors) by expression text, so heartbeats and pulls
 * that repeat an expression parse it once. Immutable and thread-safe; the cache is a concurrent map cleared
 * when it exceeds {@value #CACHE_LIMIT} entries. Matching a record allocates the properties string only.
 */
public final class SqlFilter implements MessageFilter {

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
