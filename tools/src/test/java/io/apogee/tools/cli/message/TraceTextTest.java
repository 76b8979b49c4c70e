package io.apogee.tools.cli.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.tools.message.TraceRecordDecoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TraceTextTest {

    private static final String ID = "7F000001486718B4AAC2633F6E4A0000";
    private static final String PUB = "Pub\u00011700000000123\u0001DefaultRegion\u0001PG_A\u0001TopicA\u0001" + ID
            + "\u0001TagA\u0001k1\u0001127.0.0.1:10911\u000111\u00013\u00010\u0001OFFSETID\u0001true\u0002";
    private static final String SUB_BEFORE = "SubBefore\u00011700000000200\u0001DefaultRegion\u0001CG_A\u0001req-1"
            + "\u0001" + ID + "\u00010\u0001k1\u0002";
    private static final String SUB_AFTER = "SubAfter\u0001req-1\u0001" + ID + "\u00014\u0001true\u0001k1\u00010"
            + "\u00011700000000205\u0001CG_A\u0002";
    private static final String RUNNING = "SubBefore\u00011700000000300\u0001DefaultRegion\u0001CG_B\u0001req-2"
            + "\u0001" + ID + "\u00011\u0001k1\u0002";

    @Test
    void shouldPrintPubAndSubRowsInApacheLayoutAndRunningConsumptionsAfter() {
        StringWriter text = new StringWriter();

        TraceText.print(new PrintWriter(text, true),
                TraceRecordDecoder.decode(PUB + SUB_BEFORE + SUB_AFTER + RUNNING, "10.0.0.7"));

        String row = "%-10s %-20s %-20s %-20s %-10s %-10s%n";
        String expected = String.format(row, "#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes",
                "#Status")
                + String.format(row, "Pub", "PG_A", "10.0.0.7", time(1700000000123L), "3ms", "success")
                + System.lineSeparator()
                + String.format(row, "#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes",
                "#Status")
                + String.format(row, "Sub", "CG_A", "10.0.0.7", time(1700000000205L), "4ms", "success")
                + System.lineSeparator()
                + String.format(row, "#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes",
                "#Status")
                + String.format(row, "SubBefore", "CG_B", "10.0.0.7", time(1700000000300L), "-", "running")
                + System.lineSeparator();
        assertThat(text.toString()).isEqualTo(expected);
    }

    private static String time(long millis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(millis));
    }
}
