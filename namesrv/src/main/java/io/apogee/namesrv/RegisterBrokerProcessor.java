package io.apogee.namesrv;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.DataVersion;
import io.apogee.remoting.body.RegisterBrokerBody;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * REGISTER_BROKER (103): a broker announces itself and its topics.
 *
 * <p>Request ext fields: {@code brokerName}, {@code brokerAddr}, {@code clusterName}, {@code brokerId} (required);
 * {@code haServerAddr}, {@code heartbeatTimeoutMillis}, {@code enableActingMaster}, {@code compressed},
 * {@code bodyCrc32} (optional). When {@code bodyCrc32} is non-zero it must equal CRC32(body) &amp; 0x7FFFFFFF.
 * Body: {@link RegisterBrokerBody} JSON; the compressed binary form is refused. Response: SUCCESS, with
 * {@code masterAddr} and {@code haServerAddr} for a slave whose master is registered. A malformed body answers
 * SYSTEM_ERROR with the parser's message (which quotes the body) rendered by {@link ClientText}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RouteTable}.
 */
public final class RegisterBrokerProcessor implements RequestProcessor {

    private final RouteTable routes;

    public RegisterBrokerProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        long brokerId = request.requireExtLong("brokerId");
        if (brokerId < 0) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "illegal brokerId " + brokerId + ", must be >= 0");
        }
        if (request.extBool("compressed", false)) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
                    "compressed REGISTER_BROKER bodies are not supported; register with compressed=false");
        }
        long expectedCrc = request.extLong("bodyCrc32", 0);
        if (expectedCrc != 0 && expectedCrc != crc32(request.body())) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "crc32 not match");
        }
        TopicConfigSerializeWrapper wrapper;
        try {
            wrapper = topicsOf(request.body());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, ClientText.of(e.getMessage()));
        }
        BrokerRegistration registration = new BrokerRegistration(request.requireExt("clusterName"),
                request.requireExt("brokerName"), request.requireExt("brokerAddr"), request.ext("haServerAddr"),
                brokerId, request.extLong("heartbeatTimeoutMillis", 0), request.extBool("enableActingMaster", false),
                wrapper.topicConfigTable == null ? Map.of() : wrapper.topicConfigTable,
                wrapper.dataVersion == null ? new DataVersion() : wrapper.dataVersion);
        RegistrationResult result = routes.register(registration, channel, System.currentTimeMillis());
        return RemotingCommand.success()
                .putExt("masterAddr", result.masterAddr())
                .putExt("haServerAddr", result.haServerAddr());
    }

    /** The topic table of a REGISTER_BROKER body (an empty one for no body). */
    private static TopicConfigSerializeWrapper topicsOf(byte[] body) {
        if (body == null) {
            return new TopicConfigSerializeWrapper();
        }
        RegisterBrokerBody decoded = JsonCodec.decode(body, RegisterBrokerBody.class);
        return decoded.topicConfigSerializeWrapper == null
                ? new TopicConfigSerializeWrapper() : decoded.topicConfigSerializeWrapper;
    }

    /** CRC32 of the body masked to 31 bits, as RocketMQ computes it; 0 for no body. */
    static long crc32(byte[] body) {
        if (body == null || body.length == 0) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue() & 0x7FFFFFFFL;
    }
}
