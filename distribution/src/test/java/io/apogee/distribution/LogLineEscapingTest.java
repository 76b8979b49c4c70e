package io.apogee.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The distribution's logback.xml (src/main/resources, the configuration bin/apogee runs with: it is the only
 * logback.xml on the class path, there as here) writes every event as one line, whatever the message holds, and
 * keeps stack traces as they are. Its console appender writes to whatever System.err is when it logs.
 */
class LogLineEscapingTest {

    private final String marker = "escape-" + UUID.randomUUID();

    @Test
    void shouldRunWithTheDistributionsOwnConfiguration() {
        URL config = LogLineEscapingTest.class.getResource("/logback.xml");

        assertThat(config).isNotNull();
        assertThat(config.getPath()).endsWith("/target/classes/logback.xml");
    }

    @Test
    void shouldLogMessageWithNewlineAsOneLine() {
        String topic = marker + "\n2026-01-01 00:00:00.000 INFO  [main] Forged - admin logged in\r\t\u0001\u2028end";

        List<String> lines = linesLoggedBy(() ->
                LoggerFactory.getLogger(LogLineEscapingTest.class).warn("topic {} not exist", topic));

        assertThat(lines.stream().filter(line -> line.contains("Forged"))).singleElement().asString()
                .contains(" WARN  [")
                .endsWith("LogLineEscapingTest - topic " + marker
                        + "\\n2026-01-01 00:00:00.000 INFO  [main] Forged - admin logged in\\r\\t??end not exist");
    }

    @Test
    void shouldKeepTheLinesOfAStackTrace() {
        List<String> lines = linesLoggedBy(() -> LoggerFactory.getLogger(LogLineEscapingTest.class)
                .warn("failed " + marker, new IllegalStateException("first\nsecond")));

        assertThat(lines.get(0)).endsWith("LogLineEscapingTest - failed " + marker);
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: first");
        assertThat(lines.get(2)).isEqualTo("second");
        assertThat(lines.get(3)).startsWith("\tat io.apogee.distribution.LogLineEscapingTest");
    }

    /** What {@code logging} wrote to System.err, from the line carrying the marker on (other threads may log too). */
    private List<String> linesLoggedBy(Runnable logging) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(UTF_8).lines().toList();
        int first = 0;
        while (first < lines.size() && !lines.get(first).contains(marker)) {
            first++;
        }
        return lines.subList(first, lines.size());
    }
}
