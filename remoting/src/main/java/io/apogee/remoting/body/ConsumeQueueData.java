package io.apogee.remoting.body;

/**
 * One consume-queue unit in a {@link QueryConsumeQueueResponseBody} (RocketMQ's ConsumeQueueData):
 * {@code {"bitMap":..,"eval":false,"extendDataJson":..,"msg":..,"physicOffset":1234,"physicSize":180,
 * "tagsCode":0}}. {@code extendDataJson}, {@code bitMap} and {@code eval} describe RocketMQ's consume-queue
 * extension (bloom-filter bits), which Apogee does not keep: they stay absent and false.
 *
 * <p>A plain data holder; not thread-safe.
 */
public final class ConsumeQueueData {
    public long physicOffset;
    public int physicSize;
    public long tagsCode;
    public String extendDataJson;
    public String bitMap;
    public boolean eval;
    public String msg;
}
