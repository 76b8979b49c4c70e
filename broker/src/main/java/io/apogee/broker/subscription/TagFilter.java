package io.apogee.broker.subscription;

import io.apogee.common.message.MessageProperties;
import io.apogee.common.text.ClientText;
import io.apogee.store.MessageFilter;
import io.apogee.store.StoredMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A TAG subscription expression as a store filter: {@code *} (or empty) passes everything; {@code TagA || TagB}
 * passes messages whose consume-queue tag code is one of the tags' {@code String.hashCode()} and, on the
 * full record, whose {@code TAGS} property equals one of the tags exactly (so hash collisions are removed
 * before the answer is built). Messages without a tag pass only {@code *}.
 *
 * <p>Immutable, thread-safe. Matching allocates nothing but the property string.
 */
public final class TagFilter implements MessageFilter {

    /** Passes everything. */
    public static final TagFilter ALL = new TagFilter(new int[0], new String[0], true);

    private final int[] sortedCodes;
    private final String[] tags;
    private final boolean all;

    private TagFilter(int[] sortedCodes, String[] tags, boolean all) {
        this.sortedCodes = sortedCodes;
        this.tags = tags;
        this.all = all;
    }

    /**
     * Parses a TAG expression; a non-empty expression with no tag in it (e.g. {@code "||"}) is an
     * IllegalArgumentException.
     */
    public static TagFilter parse(String expression) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return ALL;
        }
        Set<String> tagSet = new LinkedHashSet<>();
        for (String part : expression.split("\\|\\|")) {
            String tag = part.trim();
            if (!tag.isEmpty()) {
                tagSet.add(tag);
            }
        }
        if (tagSet.isEmpty()) {
            throw new IllegalArgumentException("tag expression '" + ClientText.of(expression) + "' names no tag");
        }
        String[] tags = tagSet.toArray(new String[0]);
        int[] codes = new int[tags.length];
        for (int i = 0; i < tags.length; i++) {
            codes[i] = tags[i].hashCode();
        }
        Arrays.sort(codes);
        return new TagFilter(codes, tags, false);
    }

    public boolean isAll() {
        return all;
    }

    @Override
    public boolean matchesTagsCode(long tagsCode) {
        return all || Arrays.binarySearch(sortedCodes, (int) tagsCode) >= 0;
    }

    @Override
    public boolean matchesRecord(ByteBuffer record) {
        if (all) {
            return true;
        }
        String tag = StoredMessage.property(record, MessageProperties.TAGS);
        if (tag == null) {
            return false;
        }
        for (String t : tags) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return all ? "*" : String.join(" || ", tags);
    }
}
