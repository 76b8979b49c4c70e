package io.apogee.remoting.body;

/** One producer group of a {@link HeartbeatData}: {@code {"groupName":"G"}}. */
public final class ProducerData {
    public String groupName;

    public ProducerData() {
    }

    public ProducerData(String groupName) {
        this.groupName = groupName;
    }
}
