package io.apogee.common.config;

/** A config class with one key of every supported kind, for binder tests. */
public class SampleConfig {

    /** Flush modes, as RocketMQ spells them. */
    public enum FlushDiskType { SYNC_FLUSH, ASYNC_FLUSH }

    @ConfigKey(doc = "A port.", min = 0, max = 65535)
    public int listenPort = 10911;

    @ConfigKey(doc = "A size in bytes.", min = 1024, aliases = "mapedFileSizeCommitLog")
    public long mappedFileSizeCommitLog = 1L << 30;

    @ConfigKey(doc = "A switch.")
    public boolean autoCreateTopicEnable = true;

    @ConfigKey(doc = "A ratio.", min = 0, max = 1)
    public double ratio = 0.5;

    @ConfigKey(doc = "A path.")
    public String storeCheckpoint = "/tmp/checkpoint";

    @ConfigKey(doc = "An hour of day.")
    public String deleteWhen = "04";

    @ConfigKey(doc = "An enum.")
    public FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;

    @ConfigKey(doc = "Accepted but unused.", implemented = false)
    public boolean enablePropertyFilter = false;

    public String notAKey = "plain field";
}
