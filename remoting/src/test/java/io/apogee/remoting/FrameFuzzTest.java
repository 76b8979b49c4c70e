package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fuzz tests (Jazzer) of everything that reads peer bytes: {@link FrameCodec#decode}, {@link FrameDecoder} on a
 * byte stream, {@link JsonHeaderCodec} and {@link BinaryHeaderCodec}. Properties, for any input:
 * <ul>
 *   <li>the only exceptions are the documented ones ({@link MalformedFrameException} from the codecs,
 *       {@link MissingHeaderException} from the typed ext-field accessors); anything else fails the test;</li>
 *   <li>no allocation out of proportion with the input (a length field must never make the decoder allocate
 *       what it says): at most {@value #ALLOCATION_BASE} bytes plus {@value #ALLOCATION_FACTOR} per input byte;</li>
 *   <li>a decoded command re-encodes in its serialization and decodes to an equal command;</li>
 *   <li>a frame decodes alike from a heap and from a direct buffer (the JSON codec reads them differently);</li>
 *   <li>the stream decoder never leaves its connection's inbound budget exceeded, and gives back every byte it
 *       counted when the connection closes.</li>
 * </ul>
 *
 * <p>Seeds: {@code src/test/resources/io/apogee/remoting/FrameFuzzTestInputs/<method>/}, the golden frames of
 * {@link FrameCodecTest} (docs/protocol/13-test-vectors.md §1–§3) plus any crashing input fuzzing found (add it
 * there, named for the bug). {@code mvn test} runs every method on its seeds (regression mode); {@code mvn verify}
 * then fuzzes {@code decodeFrame} and {@code decodeStream} for a few seconds each (remoting/pom.xml, executions
 * {@code fuzz-frame} and {@code fuzz-stream}). Longer runs, from the repository root:
 * <pre>
 * # one of those two, for 30 minutes; corpus and findings stay in remoting/target/fuzz
 * mvn -B -o -pl remoting test-compile surefire:test@fuzz-frame -Dfuzz.duration=30m
 * # any method; the corpus grows in remoting/.cifuzz-corpus, a crashing input lands in the method's seed directory
 * JAZZER_FUZZ=1 mvn -B -o -pl remoting test -Dtest='FrameFuzzTest#decodeJsonHeader' -Djazzer.max_duration=30m
 * </pre>
 *
 * <p>Not thread-safe, like every test.
 */
class FrameFuzzTest {

    private static final long ALLOCATION_BASE = 4L * 1024 * 1024;
    private static final long ALLOCATION_FACTOR = 64;
    private static final int BUDGET = 4096;
    private static final int[] CHUNKS = {1, 3, 8, 64, 2, 500, 7, 4096};
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<Class<?>> QUIET = List.of(FrameDecoder.class, InboundBudget.class);
    private static final List<Level> LEVELS = new ArrayList<>();

    /** Rejected frames would log a WARN each, thousands a second while fuzzing. */
    @BeforeAll
    static void quietDecoderLogs() {
        for (Class<?> source : QUIET) {
            LEVELS.add(logger(source).getLevel());
            logger(source).setLevel(Level.OFF);
        }
    }

    @AfterAll
    static void restoreDecoderLogs() {
        for (int i = 0; i < QUIET.size(); i++) {
            logger(QUIET.get(i)).setLevel(LEVELS.get(i));
        }
        LEVELS.clear();
    }

    @FuzzTest
    void decodeFrame(byte[] input) {
        RemotingCommand command = assertProportionate(input.length,
                () -> decodedOrNull(() -> FrameCodec.decode(input)));
        assertDirectBufferDecodesAlike(input, command);
        if (command != null) {
            readExtFieldsAsProcessorsDo(command);
            assertReencodesToEqual(command);
        }
    }

    @FuzzTest
    void decodeStream(byte[] input) {
        assertProportionate(input.length, () -> stream(input));
    }

    @FuzzTest
    void decodeJsonHeader(byte[] input) {
        decodeHeader(input, SerializeType.JSON);
    }

    @FuzzTest
    void decodeBinaryHeader(byte[] input) {
        decodeHeader(input, SerializeType.ROCKETMQ);
    }

    @Test
    void shouldSeedTheFuzzerWithTheGoldenFrames() throws IOException {
        byte[] route = seed("decodeFrame/route-request-json");
        byte[] send = seed("decodeFrame/send-request-rocketmq");

        assertThat(FrameCodec.decode(route).code()).isEqualTo(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        assertThat(FrameCodec.decode(send).code()).isEqualTo(RequestCode.SEND_MESSAGE_V2);
        assertThat(FrameCodec.decode(seed("decodeFrame/send-response-json")).isResponse()).isTrue();
        assertThat(seed("decodeJsonHeader/route-request")).hasSize(route.length - 8);
        assertThat(seed("decodeBinaryHeader/send-request")).hasSize(259);
        assertThat(seed("decodeStream/three-golden-frames")).startsWith(route);
    }

    /**
     * Feeds {@code input} in chunks to one connection's decoder: every command it yields must re-encode, the budget
     * must never stay exceeded, and closing the connection must give back all that was counted.
     */
    private static Void stream(byte[] input) {
        InboundBudget budget = new InboundBudget("fuzz", BUDGET);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder("fuzz", 64 * 1024, 60, budget));
        int at = 0;
        for (int i = 0; at < input.length && channel.isOpen(); i++) {
            int length = Math.min(CHUNKS[i % CHUNKS.length], input.length - at);
            channel.writeInbound(Unpooled.wrappedBuffer(input, at, length));
            at += length;
            for (RemotingCommand command = channel.readInbound(); command != null; command = channel.readInbound()) {
                assertReencodesToEqual(command);
            }
            assertThat(budget.held()).isBetween(0L, (long) BUDGET);
        }
        channel.finishAndReleaseAll();
        assertThat(budget.held()).as("bytes still counted after the connection closed").isZero();
        return null;
    }

    private static void decodeHeader(byte[] input, SerializeType type) {
        ByteBuf header = Unpooled.wrappedBuffer(input);
        RemotingCommand command = assertProportionate(input.length, () -> decodedOrNull(() -> type == SerializeType.JSON
                ? JsonHeaderCodec.read(header, 0, input.length)
                : BinaryHeaderCodec.read(header, 0, input.length)));
        if (command != null) {
            readExtFieldsAsProcessorsDo(command);
            assertReencodesToEqual(command.serializeType(type));
        }
    }

    /** The decoded command, or null when the input is malformed (the documented outcome). */
    private static RemotingCommand decodedOrNull(Supplier<RemotingCommand> decode) {
        try {
            return decode.get();
        } catch (MalformedFrameException e) {
            return null;
        }
    }

    /** Every typed accessor on every ext field either answers or throws {@link MissingHeaderException}. */
    private static void readExtFieldsAsProcessorsDo(RemotingCommand command) {
        if (command.extFields() == null) {
            return;
        }
        for (String key : command.extFields().keySet()) {
            try {
                command.extBool(key, false);
                command.requireExt(key);
                command.extInt(key, 0);
                command.requireExtLong(key);
            } catch (MissingHeaderException expected) {
                // a value that does not parse: the documented outcome
            }
        }
    }

    /**
     * Frames arrive in direct buffers, which the JSON header codec reads through a stream rather than an array:
     * the outcome must be the same.
     */
    private static void assertDirectBufferDecodesAlike(byte[] input, RemotingCommand fromHeap) {
        ByteBuf direct = Unpooled.directBuffer(input.length).writeBytes(input);
        try {
            RemotingCommand fromDirect = decodedOrNull(() -> FrameCodec.decode(direct));
            assertThat(fromDirect == null).as("malformed in a direct buffer").isEqualTo(fromHeap == null);
            if (fromHeap != null) {
                assertEqual(fromDirect, fromHeap);
            }
        } finally {
            direct.release();
        }
    }

    /** Encoding the command in its serialization and decoding that gives an equal command. */
    private static void assertReencodesToEqual(RemotingCommand command) {
        assertEqual(FrameCodec.decode(FrameCodec.encodeToBytes(command)), command);
    }

    private static void assertEqual(RemotingCommand again, RemotingCommand command) {
        assertThat(again.serializeType()).isEqualTo(command.serializeType());
        assertThat(again.code()).isEqualTo(command.code());
        assertThat(again.flag()).isEqualTo(command.flag());
        assertThat(again.opaque()).isEqualTo(command.opaque());
        assertThat(again.version()).isEqualTo(command.version());
        assertThat(again.language()).isEqualTo(Objects.requireNonNullElse(command.language(), LanguageCode.JAVA));
        assertThat(again.remark()).isEqualTo(command.remark());
        assertThat(emptyAsNull(again.extFields())).isEqualTo(emptyAsNull(command.extFields()));
        assertThat(again.body()).isEqualTo(command.body());
    }

    /** An ext map without entries is written as no ext fields at all by the binary header. */
    private static Map<String, String> emptyAsNull(Map<String, String> ext) {
        return ext == null || ext.isEmpty() ? null : ext;
    }

    /**
     * Runs {@code decode} and checks what this thread allocated meanwhile against the input's length. The first
     * time a path is taken, loading (and, while fuzzing, instrumenting) its classes allocates too, so an excess is
     * measured once more before it counts.
     */
    private static <T> T assertProportionate(int inputLength, Supplier<T> decode) {
        long bound = ALLOCATION_BASE + ALLOCATION_FACTOR * inputLength;
        long before = allocated();
        T result = decode.get();
        if (allocated() - before > bound) {
            before = allocated();
            decode.get();
            assertThat(allocated() - before).as("bytes allocated to decode %d input bytes", inputLength)
                    .isLessThanOrEqualTo(bound);
        }
        return result;
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static byte[] seed(String path) throws IOException {
        try (InputStream in = FrameFuzzTest.class.getResourceAsStream("FrameFuzzTestInputs/" + path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Logger logger(Class<?> source) {
        return (Logger) LoggerFactory.getLogger(source);
    }
}
