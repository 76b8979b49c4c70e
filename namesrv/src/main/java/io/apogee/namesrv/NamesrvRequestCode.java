package io.apogee.namesrv;

/**
 * Name-server request codes that {@link io.apogee.remoting.RequestCode} does not define yet, with RocketMQ's
 * names (see {@code shared/protocol/03-request-codes.md}).
 */
public final class NamesrvRequestCode {

    /** C→NS: names of the topics served by the brokers of one cluster (header {@code cluster}). */
    public static final int GET_TOPICS_BY_CLUSTER = 224;
    /** B→NS: has the name server the broker's current topic-table version? */
    public static final int QUERY_DATA_VERSION = 322;

    private NamesrvRequestCode() {
    }
}
