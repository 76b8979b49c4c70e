package io.apogee.remoting;

import io.apogee.common.text.ClientText;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs incoming requests on the processor registered for their code, on that processor's executor, and
 * sends what it returns. Outcomes: unknown code → {@link ResponseCode#REQUEST_CODE_NOT_SUPPORTED} with
 * remark {@code " request type <code> not supported"} (and one log line per code and client host, see
 * {@link UnsupportedCodeLog}); executor full → {@link ResponseCode#SYSTEM_BUSY};
 * {@link MissingHeaderException} or {@link IllegalArgumentException} → {@link ResponseCode#SYSTEM_ERROR}
 * with the exception's message; anything else → SYSTEM_ERROR and an ERROR log. Oneway requests are never
 * answered (the channel drops the reply).
 *
 * <p>Thread-safe: registrations live in a concurrent map and may be added at any time.
 */
final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private record Registration(RequestProcessor processor, Executor executor) {
    }

    private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
    private final UnsupportedCodeLog unsupported = new UnsupportedCodeLog();

    void register(int code, RequestProcessor processor, Executor executor) {
        if (processor == null || executor == null) {
            throw new IllegalArgumentException("processor and executor for request code " + code + " must be given");
        }
        registrations.put(code, new Registration(processor, executor));
    }

    /** Called on the I/O thread for every request (not response) frame. */
    void dispatch(NettyRemoteChannel channel, RemotingCommand request) {
        Registration registration = registrations.get(request.code());
        if (registration == null) {
            unsupported.record(hostOf(channel.remoteAddress()), request);
            channel.reply(request, RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code() + " not supported"));
            return;
        }
        try {
            registration.executor.execute(() -> run(registration.processor, channel, request));
        } catch (RejectedExecutionException e) {
            LOG.warn("request code {} from {} rejected: executor is full", request.code(), channel.remoteAddress());
            channel.reply(request, RemotingCommand.response(ResponseCode.SYSTEM_BUSY,
                    "[OVERLOAD] server is busy, request code " + request.code() + " rejected, try again later"));
        }
    }

    /** "ip" of an "ip:port" address (the port changes with every connection of the same client). */
    static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    private static void run(RequestProcessor processor, NettyRemoteChannel channel, RemotingCommand request) {
        RemotingCommand response;
        try {
            response = processor.process(channel, request);
        } catch (MissingHeaderException | IllegalArgumentException e) {
            // an IllegalArgumentException may quote the client's input (a JSON body's parser message): cut it
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, ClientText.of(e.getMessage()));
        } catch (Throwable t) {
            LOG.error("processing request code {} from {} failed", request.code(), channel.remoteAddress(), t);
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, t.toString());
        }
        if (response != null) {
            channel.reply(request, response);
        }
    }
}
