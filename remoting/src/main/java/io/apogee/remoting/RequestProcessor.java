package io.apogee.remoting;

/**
 * Handles requests of one or more request codes.
 *
 * <p>Called on the executor it was registered with. Return the response to send now, or null when the
 * request is oneway or the processor will answer later with {@link RemoteChannel#reply}. A thrown
 * {@link MissingHeaderException} becomes a SYSTEM_ERROR response naming the field; any other exception
 * becomes SYSTEM_ERROR with the exception's message and is logged.
 */
@FunctionalInterface
public interface RequestProcessor {

    RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception;
}
