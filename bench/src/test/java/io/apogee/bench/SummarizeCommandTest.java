package io.apogee.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarizeCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldTabulateMediansWithRatiosAndGoals() throws Exception {
        tps("apogee", 1, "30000");
        tps("apogee", 2, "10000");
        tps("apogee", 3, "20000");
        tps("rocketmq", 1, "10000");
        tps("rocketmq", 2, "12000");
        tps("rocketmq", 3, "8000");
        String table = summarize(null);
        assertThat(table).contains("| sync send, 32 threads: msgs/s | 20,000 | 10,000 | 2.00 ✔ | ≥ 1.5× |");
    }

    @Test
    void shouldMarkFailedRoundsAndListTheirReasons() throws Exception {
        tps("apogee", 1, "30000");
        Files.writeString(dir.resolve("apogee.async.produce.r2.txt"), "status=FAILED\nfailure=3 sends timed out\n");
        String table = summarize(null);
        assertThat(table).contains("| sync send, 32 threads: msgs/s | 30,000 (FAILED 1/2) |")
                .contains("`apogee.async.produce.r2`: 3 sends timed out");
    }

    @Test
    void shouldLeaveOutTheRowsOfModesThatWereNotRun() throws Exception {
        for (int round = 1; round <= 2; round++) {
            Files.writeString(dir.resolve("apogee.ha.produce.r" + round + ".txt"),
                    "status=OK\nsend.tps=9000\nslave.lag.p99.kib=64\n");
            Files.writeString(dir.resolve("rocketmq.ha.produce.r" + round + ".txt"),
                    "status=OK\nsend.tps=4500\nslave.lag.p99.kib=512\n");
        }
        String table = summarize(null);
        assertThat(table).contains("| SYNC_MASTER + slave, sync send: msgs/s | 9,000 | 4,500 | 2.00 ✔ | ≥ 1.5× |")
                .contains("| SYNC_MASTER sync send: slave lag p99 KiB | 64 | 512 | 0.13 |  |")
                .doesNotContain("sync send, 32 threads").doesNotContain("SYNC_MASTER async send");
    }

    @Test
    void shouldTabulateJmhTimeAndAllocationPerMessage() throws Exception {
        Path csv = dir.resolve("jmh.csv");
        Files.writeString(csv, """
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: serializeType"
                "io.apogee.bench.jmh.FrameCodecBenchmark.decodeSendFrame","avgt",1,3,812.5,40.25,"ns/op",JSON
                "io.apogee.bench.jmh.FrameCodecBenchmark.decodeSendFrame:gc.alloc.rate.norm",\
                "avgt",1,3,4312.0,0.01,"B/op",JSON
                "io.apogee.bench.jmh.StoreBenchmark.append","avgt",1,3,3486.3,NaN,"ns/op",
                "io.apogee.bench.jmh.StoreBenchmark.append:gc.alloc.rate.norm","avgt",1,3,138.2,NaN,"B/op",
                """);
        String table = summarize(csv);
        assertThat(table).contains("| FrameCodecBenchmark.decodeSendFrame | JSON | 812.5 | ± 40.3 | 4312.0 |")
                .contains("| StoreBenchmark.append |  | 3486.3 |  | 138.2 |");
    }

    private void tps(String server, int round, String tps) throws Exception {
        Files.writeString(dir.resolve(server + ".async.produce.r" + round + ".txt"),
                "status=OK\nsend.tps=" + tps + "\n");
    }

    private String summarize(Path jmh) {
        StringWriter out = new StringWriter();
        int rounds = Files.exists(dir.resolve("rocketmq.async.produce.r3.txt")) ? 3 : 2;
        String[] args = jmh == null
                ? new String[] {"summarize", "--results", dir.toString(), "--rounds", Integer.toString(rounds)}
                : new String[] {"summarize", "--results", dir.toString(), "--rounds", "1", "--jmh-csv", jmh.toString()};
        int code = BenchMain.commandLine().setOut(new PrintWriter(out)).execute(args);
        assertThat(code).isZero();
        return out.toString();
    }
}
