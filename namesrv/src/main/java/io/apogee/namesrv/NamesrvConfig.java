package io.apogee.namesrv;

import io.apogee.common.config.ConfigKey;

/**
 * Name server settings, keys spelled as RocketMQ's {@code namesrv.conf}. Bound from a properties file by
 * {@code ConfigBinder}; every field is a key, its initial value the default.
 */
public final class NamesrvConfig {

    @ConfigKey(doc = "TCP port the name server listens on; 0 picks a free port.", min = 0, max = 65535)
    public int listenPort = 9876;

    @ConfigKey(doc = "Address the name server binds to.")
    public String bindAddress = "0.0.0.0";

    @ConfigKey(doc = "Milliseconds between scans that drop brokers whose registration expired.", min = 100)
    public long scanNotActiveBrokerInterval = 5_000;

    @ConfigKey(doc = "Milliseconds of silence after which a broker is dropped, unless it registered its own timeout.",
            min = 1_000)
    public long brokerChannelExpiredTime = 120_000;

    @ConfigKey(doc = "RocketMQ installation directory (accepted for compatibility).", implemented = false)
    public String rocketmqHome = System.getProperty("user.home") + "/apogee";

    @ConfigKey(doc = "Path of the KV config file (accepted for compatibility).", implemented = false)
    public String kvConfigPath = System.getProperty("user.home") + "/apogee/namesrv/kvConfig.json";

    @ConfigKey(doc = "Serve ordered-topic config from the KV store (accepted for compatibility).", implemented = false)
    public boolean orderMessageEnable = false;
}
