package io.apogee.distribution;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.namesrv.NamesrvConfig;

/**
 * The one-line "boot success" messages, worded as RocketMQ's so that scripts and people grepping for
 * {@code boot success} keep working.
 *
 * <p>Stateless.
 */
final class BootMessages {

    private BootMessages() {
    }

    static String namesrv(NamesrvConfig config, int port) {
        return "The Name Server boot success. serializeType=JSON, address " + config.bindAddress + ":" + port;
    }

    static String broker(BrokerConfig config, String address) {
        String line = "The broker[" + config.brokerName + ", " + address + "] boot success. serializeType=JSON";
        return config.namesrvAddr.isBlank() ? line : line + " and name server is " + config.namesrvAddr;
    }
}
