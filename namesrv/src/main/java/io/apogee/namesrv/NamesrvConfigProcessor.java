package io.apogee.namesrv;

import io.apogee.common.config.ConfigUpdate;
import io.apogee.common.config.RuntimeConfig;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * The name server's configuration at runtime (docs/protocol/07-nameserver.md §2):
 * <ul>
 *   <li>GET_NAMESRV_CONFIG (319): 0 with body = every key of {@link NamesrvConfig} as properties text
 *       ({@code key=value} lines, UTF-8);</li>
 *   <li>UPDATE_NAMESRV_CONFIG (318), body = properties text: applied all or nothing by {@link RuntimeConfig} and
 *       saved to the file the name server was started with ({@code -c}), answering 0 with a remark naming the
 *       keys and the file, and the keys read only at start, which take effect at the next start. An unknown key
 *       (named with the nearest known one) or an illegal value answers INVALID_PARAMETER (29); a key that
 *       cannot change while running ({@link #FIXED_KEYS}, as Apache's black list) NO_PERMISSION (16); a file
 *       that cannot be rewritten 1. Nothing is changed then.</li>
 * </ul>
 * Runs on the namesrv-worker pool (the config file is written on that thread).
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RuntimeConfig}.
 */
public final class NamesrvConfigProcessor implements RequestProcessor {

    /** Keys refused at runtime: the socket, and Apache's black list ({@code kvConfigPath}, {@code rocketmqHome}). */
    static final Set<String> FIXED_KEYS = Set.of("listenPort", "bindAddress", "kvConfigPath", "rocketmqHome");

    /** Keys read once at start: the remoting server's and the expiry scan's. */
    private static final Set<String> AT_START = Set.of("scanNotActiveBrokerInterval", "serverWorkerThreads",
            "serverWorkerQueueCapacity", "serverSelectorThreads", "serverChannelMaxIdleTimeSeconds",
            "serverMaxFrameLength", "serverFrameReadTimeoutSeconds", "serverInboundBufferBudget");

    private final RuntimeConfig config;

    public NamesrvConfigProcessor(RuntimeConfig config) {
        this.config = config;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_NAMESRV_CONFIG ->
                    RemotingCommand.success().body(config.text().getBytes(StandardCharsets.UTF_8));
            case RequestCode.UPDATE_NAMESRV_CONFIG -> update(request.body());
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a name server config request");
        };
    }

    private RemotingCommand update(byte[] body) {
        Properties properties = new Properties();
        if (body != null) {
            try {
                properties.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                        "string2Properties error: " + e.getMessage());
            }
        }
        return answer(config.update(properties), AT_START);
    }

    /** The response for an update's outcome; {@code atStart} are the server's keys read only at start. */
    static RemotingCommand answer(ConfigUpdate update, Set<String> atStart) {
        return switch (update.status()) {
            case APPLIED -> RemotingCommand.response(ResponseCode.SUCCESS,
                    update.message() + update.restartNote(atStart));
            case INVALID -> RemotingCommand.response(ResponseCode.INVALID_PARAMETER, update.message());
            case FIXED -> RemotingCommand.response(ResponseCode.NO_PERMISSION, update.message());
            case NOT_SAVED -> RemotingCommand.response(ResponseCode.SYSTEM_ERROR, update.message());
        };
    }
}
