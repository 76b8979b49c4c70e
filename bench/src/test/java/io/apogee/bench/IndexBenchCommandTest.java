package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke test of the index benchmark at a size that runs in a blink. */
class IndexBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldIndexKeysAcrossFilesAndFindTheNewestAndOldest() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new IndexBenchCommand());
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--keys", "5000", "--slots", "100", "--entries", "1001", "--lookups", "20",
                "--dir", dir.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("index.files=5\n").contains("lookup.newest.max1.found=1\n")
                .contains("lookup.newest.max32.found=1\n").contains("lookup.oldest.max1.found=1\n")
                .contains("lookup.newest.max1.p50.us=").contains("index.bytes.allocated=");
    }
}
