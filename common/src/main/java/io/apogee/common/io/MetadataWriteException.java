package io.apogee.common.io;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/** A metadata file could not be written; the message names the file and the cause. */
public final class MetadataWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MetadataWriteException(Path file, Throwable cause) {
        super("cannot write " + file + ": " + cause, cause);
    }

    /** The message of a failed metadata write as seen through futures: unwraps a CompletionException. */
    public static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage();
    }
}
