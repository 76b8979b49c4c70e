package io.apogee.tools.cli.message;

import java.nio.charset.Charset;
import picocli.CommandLine.Option;

/**
 * The options printMsg and printMsgByQueue share, a picocli mixin: {@code -c} the body charset, {@code -s} the tag
 * expression, {@code -b}/{@code -e} the time range (read by {@link QueueReader#range}).
 *
 * <p>Not thread-safe; filled once by picocli.
 */
final class ReadRangeOptions {

    @Option(names = {"-c", "--charsetName"}, defaultValue = "UTF-8", description = "Charset (default UTF-8).")
    Charset charset;

    @Option(names = {"-s", "--subExpression"}, defaultValue = "*", description = "Tags, eg: TagA || TagB.")
    String subExpression;

    @Option(names = {"-b", "--beginTimestamp"}, description = "Begin: now, ms or yyyy-MM-dd#HH:mm:ss:SSS.")
    String begin;

    @Option(names = {"-e", "--endTimestamp"}, description = "End: now, ms or yyyy-MM-dd#HH:mm:ss:SSS.")
    String end;
}
