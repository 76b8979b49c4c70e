package io.apogee.tools.cli.consumer.monitor;

/**
 * What a consumer group has not consumed yet of one topic: the sum of the queues' backlogs (broker offset −
 * committed offset), the largest single-queue backlog, and how much older the last consumed message is than the
 * newest one (0 when it cannot be told). {@link #line} prints it as Apache's DefaultMonitorListener logs
 * reportUndoneMsgs.
 *
 * @param total       undone messages over every queue of the topic (negative backlogs count 0)
 * @param singleMax   the largest backlog of one queue
 * @param delayMillis store time of the newest message − store time of the last consumed one, the largest over the
 *                    queues with a backlog; 0 when unknown
 */
record UndoneMsgs(String group, String topic, long total, long singleMax, long delayMillis) {

    String line() {
        return MonitorOutput.PREFIX + "reportUndoneMsgs: UndoneMsgs [consumerGroup=" + group + ", topic=" + topic
                + ", undoneMsgsTotal=" + total + ", undoneMsgsSingleMQ=" + singleMax
                + ", undoneMsgsDelayTimeMills=" + delayMillis + "]";
    }
}
