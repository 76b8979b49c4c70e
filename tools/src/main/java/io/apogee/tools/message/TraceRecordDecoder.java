package io.apogee.tools.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes the body of a message of a trace topic into its {@link TraceRecord}s (layouts:
 * docs/protocol/16-timers-trace-reply-pop.md §2): records end with {@code \u0002}, their fields are separated by
 * {@code \u0001}, the first field names the type. Field counts are read as the Apache clients' decoder reads them
 * (trailing empty fields dropped): a {@code Pub} of 13 fields has no offsetMsgId, one of 15 or more adds the client
 * host of old clients; a {@code SubAfter} of fewer than 7 fields has no context code, of fewer than 9 no timestamp
 * and group. A record of an unknown type, or one too short or with a non-numeric number, is skipped, so one bad
 * record does not hide the others.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class TraceRecordDecoder {

    /** Between the fields of a record ({@code TraceConstants.CONTENT_SPLITOR}). */
    public static final char FIELD_SEPARATOR = '\u0001';
    /** After every record ({@code TraceConstants.FIELD_SPLITOR}). */
    public static final char RECORD_END = '\u0002';

    private static final Pattern RECORDS = Pattern.compile(String.valueOf(RECORD_END));
    private static final Pattern FIELDS = Pattern.compile(String.valueOf(FIELD_SEPARATOR));
    /** The client's {@code MessageType} constants, by ordinal. */
    private static final List<String> MESSAGE_TYPES =
            List.of("Normal_Msg", "Trans_Msg_Half", "Trans_msg_Commit", "Delay_Msg", "Order_Msg");

    private TraceRecordDecoder() {
    }

    /**
     * The records of one trace message's body, in order.
     *
     * @param clientHost the IP address the trace message was sent from (its born host), kept in every record
     */
    public static List<TraceRecord> decode(String body, String clientHost) {
        List<TraceRecord> records = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return records;
        }
        for (String text : RECORDS.split(body)) {
            String[] f = FIELDS.split(text);
            try {
                TraceRecord r = decodeOne(f, clientHost);
                if (r != null) {
                    records.add(r);
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                // a malformed record: skipped, the others are still shown
            }
        }
        return records;
    }

    private static TraceRecord decodeOne(String[] f, String clientHost) {
        Builder b = new Builder(clientHost);
        switch (f[0]) {
            case "Pub" -> pub(f, b);
            case "SubBefore" -> subBefore(f, b);
            case "SubAfter" -> subAfter(f, b);
            case "EndTransaction" -> endTransaction(f, b);
            case "Recall" -> recall(f, b);
            default -> {
                return null;
            }
        }
        return b.build();
    }

    /** {@code Pub ts region group topic msgId tags keys storeHost bodyLength costTime msgType [offsetMsgId] success
     * [clientHost]}. */
    private static void pub(String[] f, Builder b) {
        b.head(TraceType.Pub, f);
        b.topic = f[4];
        b.msgId = f[5];
        b.tags = f[6];
        b.keys = f[7];
        b.storeHost = f[8];
        b.bodyLength = Integer.parseInt(f[9]);
        b.costTime = Integer.parseInt(f[10]);
        b.messageType = messageType(f[11]);
        if (f.length == 13) {
            b.success = Boolean.parseBoolean(f[12]);
        } else {
            b.offsetMsgId = f[12];
            b.success = Boolean.parseBoolean(f[13]);
        }
    }

    /** {@code SubBefore ts region group requestId msgId retryTimes keys}. */
    private static void subBefore(String[] f, Builder b) {
        b.head(TraceType.SubBefore, f);
        b.requestId = f[4];
        b.msgId = f[5];
        b.retryTimes = Integer.parseInt(f[6]);
        b.keys = f[7];
    }

    /** {@code SubAfter requestId msgId costTime success keys [contextCode [ts group]]}. */
    private static void subAfter(String[] f, Builder b) {
        b.type = TraceType.SubAfter;
        b.requestId = f[1];
        b.msgId = f[2];
        b.costTime = Integer.parseInt(f[3]);
        b.success = Boolean.parseBoolean(f[4]);
        b.keys = f[5];
        if (f.length >= 7) {
            b.contextCode = Integer.parseInt(f[6]);
        }
        if (f.length >= 9) {
            b.timestamp = Long.parseLong(f[7]);
            b.group = f[8];
        }
    }

    /** {@code EndTransaction ts region group topic msgId tags keys storeHost msgType transactionId state
     * fromTransactionCheck}. */
    private static void endTransaction(String[] f, Builder b) {
        b.head(TraceType.EndTransaction, f);
        b.topic = f[4];
        b.msgId = f[5];
        b.tags = f[6];
        b.keys = f[7];
        b.storeHost = f[8];
        b.messageType = messageType(f[9]);
        b.transactionId = f[10];
        b.transactionState = f[11];
        b.fromTransactionCheck = Boolean.parseBoolean(f[12]);
    }

    /** {@code Recall ts region group topic msgId success}. */
    private static void recall(String[] f, Builder b) {
        b.head(TraceType.Recall, f);
        b.topic = f[4];
        b.msgId = f[5];
        b.success = Boolean.parseBoolean(f[6]);
    }

    private static String messageType(String ordinal) {
        int i = Integer.parseInt(ordinal);
        return i >= 0 && i < MESSAGE_TYPES.size() ? MESSAGE_TYPES.get(i) : ordinal;
    }

    /** The fields of one record while it is decoded; confined to the decoding thread. */
    private static final class Builder {
        private final String clientHost;
        private TraceType type;
        private long timestamp;
        private String regionId;
        private String group;
        private String topic;
        private String msgId;
        private String tags;
        private String keys;
        private String storeHost;
        private int bodyLength;
        private int costTime;
        private String messageType;
        private String offsetMsgId;
        private boolean success;
        private String requestId;
        private int retryTimes;
        private int contextCode;
        private String transactionId;
        private String transactionState;
        private boolean fromTransactionCheck;

        Builder(String clientHost) {
            this.clientHost = clientHost;
        }

        /** The first fields most types share: type, timestamp, region, group. */
        void head(TraceType recordType, String[] f) {
            type = recordType;
            timestamp = Long.parseLong(f[1]);
            regionId = f[2];
            group = f[3];
        }

        TraceRecord build() {
            return new TraceRecord(type, timestamp, regionId, group, topic, msgId, tags, keys, storeHost,
                    bodyLength, costTime, messageType, offsetMsgId, success, requestId, retryTimes, contextCode,
                    transactionId, transactionState, fromTransactionCheck, clientHost);
        }
    }
}
