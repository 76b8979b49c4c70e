package io.apogee.tools.cli;

/**
 * A command that cannot do what it was asked for a reason the user can fix (unknown cluster, a broker name that is
 * not in the cluster table...): printed as one line, exit status 1, no stack trace.
 *
 * <p>Immutable.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message, null, false, false);
    }
}
