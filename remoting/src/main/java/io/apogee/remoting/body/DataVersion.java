package io.apogee.remoting.body;

/** Version stamp of a broker's topic table: {@code {"counter":n,"stateVersion":0,"timestamp":ms}}. */
public final class DataVersion {
    public long counter;
    public long stateVersion;
    public long timestamp;

    public DataVersion() {
    }

    public DataVersion(long counter, long timestamp) {
        this.counter = counter;
        this.timestamp = timestamp;
    }

    public boolean sameAs(DataVersion other) {
        return other != null && other.counter == counter && other.timestamp == timestamp
                && other.stateVersion == stateVersion;
    }
}
