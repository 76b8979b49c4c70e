package io.apogee.broker.registration;

import io.apogee.broker.config.BrokerAddress;
import io.apogee.broker.config.BrokerConfig;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import java.util.zip.CRC32;

/**
 * Builds the broker's requests to name servers.
 *
 * <p>REGISTER_BROKER (103) ext fields: {@code brokerName}, {@code brokerAddr} (client-facing ip:port),
 * {@code clusterName}, {@code haServerAddr} (ip:HA port), {@code brokerId}, {@code enableActingMaster=false},
 * {@code compressed=false}, {@code bodyCrc32} (CRC32 of the body & 0x7FFFFFFF); body = RegisterBrokerBody JSON.
 * UNREGISTER_BROKER (104) ext fields: {@code brokerName}, {@code brokerAddr}, {@code clusterName},
 * {@code brokerId}; no body.
 *
 * <p>Immutable, hence thread-safe; every call builds a new command.
 */
final class RegistrationHeaders {

    private final BrokerConfig config;
    private final BrokerAddress address;
    private final String haServerAddr;

    RegistrationHeaders(BrokerConfig config, BrokerAddress address, int haPort) {
        this.config = config;
        this.address = address;
        this.haServerAddr = address.haAddress(haPort);
    }

    RemotingCommand register(byte[] body) {
        RemotingCommand cmd = identify(RemotingCommand.request(RequestCode.REGISTER_BROKER));
        cmd.putExt("haServerAddr", haServerAddr);
        cmd.putExt("enableActingMaster", false);
        cmd.putExt("compressed", false);
        cmd.putExt("bodyCrc32", crc32(body));
        return cmd.body(body);
    }

    RemotingCommand unregister() {
        return identify(RemotingCommand.request(RequestCode.UNREGISTER_BROKER));
    }

    private RemotingCommand identify(RemotingCommand cmd) {
        return cmd.putExt("brokerName", config.brokerName)
                .putExt("brokerAddr", address.toString())
                .putExt("clusterName", config.brokerClusterName)
                .putExt("brokerId", config.brokerId);
    }

    static int crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }
}
