package io.apogee.tools.cli.message;

import io.apogee.tools.cli.CommandFailure;
import io.apogee.tools.cli.Formats;
import io.apogee.tools.message.MessageRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Arrays;

/**
 * How mqadmin shows messages, in Apache's forms: the one-line client text ({@code MessageExt [...]}, printed by
 * printMsg / consumeMessage), the detail block of queryMsgById / queryMsgByOffset (the body is also written to
 * {@code <tmp>/rocketmq/msgbodys/<id>}, as Apache does), and the timestamps options take
 * ({@code now}, milliseconds or {@code yyyy-MM-dd#HH:mm:ss:SSS}).
 *
 * <p>Stateless, hence thread-safe.
 */
public final class MessageText {

    private MessageText() {
    }

    /** The clients' {@code MessageExt.toString()}. */
    public static String clientText(MessageRecord m, String brokerName) {
        return "MessageExt [brokerName=" + brokerName + ", queueId=" + m.queueId() + ", storeSize=" + m.storeSize()
                + ", queueOffset=" + m.queueOffset() + ", sysFlag=" + m.sysFlag() + ", bornTimestamp="
                + m.bornTimestamp() + ", bornHost=/" + m.bornHost() + ", storeTimestamp=" + m.storeTimestamp()
                + ", storeHost=/" + m.storeHost() + ", msgId=" + m.msgId() + ", commitLogOffset="
                + m.commitLogOffset() + ", bodyCRC=" + m.bodyCrc() + ", reconsumeTimes=" + m.reconsumeTimes()
                + ", preparedTransactionOffset=" + m.preparedTransactionOffset() + ", toString()=Message{topic='"
                + m.topic() + "', flag=" + m.flag() + ", properties=" + m.properties() + ", body="
                + Arrays.toString(m.body()) + ", transactionId='null'}]";
    }

    /** printMsg's line: {@code MSGID: id MessageExt [...] BODY: text}. */
    public static String printLine(MessageRecord m, String brokerName, Charset charset, boolean printBody) {
        return "MSGID: " + m.msgId() + " " + clientText(m, brokerName) + " BODY: "
                + (printBody ? new String(m.body(), charset) : "NOT PRINT BODY");
    }

    /** The detail block of queryMsgById (the offsetMsgId first); the body only when {@code charset} is given. */
    public static void printDetail(PrintWriter out, MessageRecord m, Charset charset) {
        String format = "%-20s %s%n";
        out.printf(format, "OffsetID:", m.offsetMsgId());
        out.printf(format, "Topic:", m.topic());
        out.printf(format, "Tags:", "[" + m.tags() + "]");
        out.printf(format, "Keys:", "[" + m.keys() + "]");
        out.printf(format, "Queue ID:", m.queueId());
        out.printf(format, "Queue Offset:", m.queueOffset());
        out.printf(format, "CommitLog Offset:", m.commitLogOffset());
        out.printf(format, "Reconsume Times:", m.reconsumeTimes());
        out.printf(format, "Born Timestamp:", Formats.time(m.bornTimestamp()));
        out.printf(format, "Store Timestamp:", Formats.time(m.storeTimestamp()));
        out.printf(format, "Born Host:", m.bornHost());
        out.printf(format, "Store Host:", m.storeHost());
        out.printf(format, "System Flag:", m.sysFlag());
        out.printf(format, "Properties:", m.properties());
        out.printf(format, "Message Body Path:", bodyFile(m));
        if (charset != null) {
            out.printf(format, "Message Body:", new String(m.body(), charset));
        }
    }

    private static String bodyFile(MessageRecord m) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "rocketmq", "msgbodys");
            Files.createDirectories(dir);
            Path file = dir.resolve(m.msgId());
            Files.write(file, m.body());
            return file.toString();
        } catch (IOException e) {
            return "(not written: " + e.getMessage() + ")";
        }
    }

    /** {@code now}, milliseconds since the epoch, or {@code yyyy-MM-dd#HH:mm:ss:SSS} (local time). */
    public static long timestamp(String value) {
        String text = value.trim();
        if (text.equals("now")) {
            return System.currentTimeMillis();
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notMillis) {
            try {
                return new SimpleDateFormat("yyyy-MM-dd#HH:mm:ss:SSS").parse(text).getTime();
            } catch (ParseException e) {
                throw new CommandFailure("bad timestamp [" + text + "]: give now, milliseconds or "
                        + "yyyy-MM-dd#HH:mm:ss:SSS");
            }
        }
    }
}
