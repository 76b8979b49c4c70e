package io.apogee.remoting;

/**
 * Request codes of the RocketMQ remoting protocol that Apogee sends or serves, with RocketMQ's names
 * (see docs/protocol/03-request-codes.md). C = client, B = broker, NS = name server.
 */
public final class RequestCode {

    /** C→B: send one message, long header keys. */
    public static final int SEND_MESSAGE = 10;
    /** C→B: pull messages of one queue, long-polled. */
    public static final int PULL_MESSAGE = 11;
    /** C→B: query messages by key. */
    public static final int QUERY_MESSAGE = 12;
    /** C→B: read a group's committed offset of a queue. */
    public static final int QUERY_CONSUMER_OFFSET = 14;
    /** C→B (oneway): commit a group's offset of a queue. */
    public static final int UPDATE_CONSUMER_OFFSET = 15;
    /** C→B: create or update a topic. */
    public static final int UPDATE_AND_CREATE_TOPIC = 17;
    /** C→B: all topic configs of a broker. */
    public static final int GET_ALL_TOPIC_CONFIG = 21;
    /** C→B: broker runtime statistics. */
    public static final int GET_BROKER_RUNTIME_INFO = 28;
    /** C→B: the queue offset of the first message stored at or after a time. */
    public static final int SEARCH_OFFSET_BY_TIMESTAMP = 29;
    /** C→B: the max (next) offset of a queue. */
    public static final int GET_MAX_OFFSET = 30;
    /** C→B: the min offset of a queue. */
    public static final int GET_MIN_OFFSET = 31;
    /** C→B: the store time of a queue's first message. */
    public static final int GET_EARLIEST_MSG_STORETIME = 32;
    /** C→B: one message by its offsetMsgId. */
    public static final int VIEW_MESSAGE_BY_ID = 33;
    /** C→B: client liveness, producer groups and consumer subscriptions. */
    public static final int HEART_BEAT = 34;
    /** C→B: a client leaves a group. */
    public static final int UNREGISTER_CLIENT = 35;
    /** C→B: a consumed message failed and should be retried later. */
    public static final int CONSUMER_SEND_MSG_BACK = 36;
    /** C→B (oneway): commit or roll back a half message. */
    public static final int END_TRANSACTION = 37;
    /** C→B: the client ids of a consumer group. */
    public static final int GET_CONSUMER_LIST_BY_GROUP = 38;
    /** B→C (oneway): ask a producer for a transaction's state. */
    public static final int CHECK_TRANSACTION_STATE = 39;
    /** B→C (oneway): a group's membership changed, rebalance now. */
    public static final int NOTIFY_CONSUMER_IDS_CHANGED = 40;
    /** C→B: lock queues for orderly consumption. */
    public static final int LOCK_BATCH_MQ = 41;
    /** C→B: unlock queues. */
    public static final int UNLOCK_BATCH_MQ = 42;
    /** C→B: validate a subscription (SQL92) before a consumer starts. */
    public static final int CHECK_CLIENT_CONFIG = 46;
    /** B→NS: register a broker and its topics. */
    public static final int REGISTER_BROKER = 103;
    /** B→NS: a broker leaves. */
    public static final int UNREGISTER_BROKER = 104;
    /** C→NS: the route of a topic. */
    public static final int GET_ROUTEINFO_BY_TOPIC = 105;
    /** C→NS: clusters and their brokers. */
    public static final int GET_BROKER_CLUSTER_INFO = 106;
    /** C→NS: names of the topics served by the brokers of one cluster (header {@code cluster}). */
    public static final int GET_TOPICS_BY_CLUSTER = 224;
    /** B→NS: has the name server the broker's current topic-table version? */
    public static final int QUERY_DATA_VERSION = 322;
    /** C→B: per-queue offsets of a topic. */
    public static final int GET_TOPIC_STATS_INFO = 202;
    /** C→B: connections of a consumer group. */
    public static final int GET_CONSUMER_CONNECTION_LIST = 203;
    /** C→NS: every topic name. */
    public static final int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;
    /** C→B: consume progress of a group. */
    public static final int GET_CONSUME_STATS = 208;
    /** C→B: one topic's config (5.4.0 admin). */
    public static final int GET_TOPIC_CONFIG = 351;
    /** C→B: send one message, one-letter header keys (the default of both clients). */
    public static final int SEND_MESSAGE_V2 = 310;
    /** C→B: send a batch of messages. */
    public static final int SEND_BATCH_MESSAGE = 320;
    /** C→B: lite pull consumer's pull (5.4.0). */
    public static final int LITE_PULL_MESSAGE = 361;

    private RequestCode() {
    }
}
