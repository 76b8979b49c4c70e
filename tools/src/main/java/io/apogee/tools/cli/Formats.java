package io.apogee.tools.cli;

import io.apogee.remoting.body.TopicConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The text forms Apache's mqadmin prints, so scripts reading its output keep working: timestamps as
 * {@code yyyy-MM-dd HH:mm:ss,SSS} (local time), permissions as {@code RW-}, TopicConfig's {@code toString}, and
 * columns cut to a width.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class Formats {

    private static final DateTimeFormatter HUMAN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** Apache's {@code timeMillisToHumanString2}. */
    public static String time(long millis) {
        return HUMAN_TIME.format(Instant.ofEpochMilli(millis));
    }

    /** At most {@code width} characters of {@code text} ("" for null). */
    public static String cut(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() > width ? text.substring(0, width) : text;
    }

    /** {@code R}, {@code W}, {@code X} (inherit) or {@code -} per permission bit. */
    public static String perm(int perm) {
        return ((perm & TopicConfig.PERM_READ) != 0 ? "R" : "-")
                + ((perm & TopicConfig.PERM_WRITE) != 0 ? "W" : "-")
                + ((perm & TopicConfig.PERM_INHERIT) != 0 ? "X" : "-");
    }

    /** Apache's {@code TopicConfig.toString()}. */
    public static String topicConfig(TopicConfig c) {
        return "TopicConfig [topicName=" + c.topicName + ", readQueueNums=" + c.readQueueNums
                + ", writeQueueNums=" + c.writeQueueNums + ", perm=" + perm(c.perm)
                + ", topicFilterType=" + c.topicFilterType + ", topicSysFlag=" + c.topicSysFlag + ", order="
                + c.order + ", attributes=" + c.attributes + "]";
    }
}
