package io.apogee.console.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log, {@code audit.log} in the console's data directory: one JSON object per line for every change made
 * through the console and every login, whether it worked or not:
 * <pre>
 * {"time":"2026-12-02T10:15:30.123Z","user":"admin","action":"topic.update","target":"TopicTest",
 *  "result":"ok","ip":"127.0.0.1"}
 * </pre>
 * {@code action} names what was asked (login, topic.update, topic.delete, group.reset-offset, message.resend,
 * dlq.replay, ...), {@code target} what it was asked of, {@code result} "ok" or why it failed. The file is only
 * appended to; each line is written with one call, so a crash loses at most the line being written.
 *
 * <p>Thread-safe: {@link #record} is synchronized, so lines of concurrent requests never interleave.
 */
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the audit log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one line: {@code user} did {@code action} on {@code target} with {@code result}, from {@code ip}. */
    public synchronized void record(String user, String action, String target, String result, String ip) {
        ObjectNode line = JSON.createObjectNode().put("time", Instant.now().toString()).put("user", user)
                .put("action", action).put("target", target).put("result", result).put("ip", ip);
        try {
            Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("Audit log {}: cannot append {}", file, line, e);
        }
        LOG.info("audit: {}", line);
    }
}
