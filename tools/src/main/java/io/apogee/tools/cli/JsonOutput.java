package io.apogee.tools.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.apogee.remoting.JsonCodec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints values as indented JSON (public fields or record components, keys sorted, nulls left out): the
 * {@code --json} form of every read command and the form of Apache's {@code toJson(true)} prints.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class JsonOutput {

    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        out.println(text(value));
    }

    /**
     * Prints {@code value} as one line of compact JSON: the {@code --json} form of the commands that stream
     * messages (printMsg, printMsgByQueue, consumeMessage), one object per line (JSON Lines).
     */
    public static void line(PrintWriter out, Object value) {
        try {
            out.println(JsonCodec.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Object value) {
        try {
            return JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
