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
    /** C→B: cancel a pending timer message by its recall handle (5.4.0 {@code recallMessage}). */
    public static final int RECALL_MESSAGE = 370;
    /** C→B: send a reply to a request message ({@code MSG_TYPE=reply}), long header keys as SEND_MESSAGE. */
    public static final int SEND_REPLY_MESSAGE = 324;
    /** C→B: send a reply to a request message, one-letter header keys as SEND_MESSAGE_V2 (the clients' default). */
    public static final int SEND_REPLY_MESSAGE_V2 = 325;
    /** B→C: a reply pushed to the requester's connection (docs/protocol/16-timers-trace-reply-pop.md §3). */
    public static final int PUSH_REPLY_MESSAGE_TO_CLIENT = 326;
    /** C→B: lite pull consumer's pull (5.4.0). */
    public static final int LITE_PULL_MESSAGE = 361;

    // ---- admin (DefaultMQAdminExt / mqadmin); see docs/protocol/06-admin.md and docs/protocol/07-nameserver.md ----
    /** C→B: update broker config keys (body: properties text). */
    public static final int UPDATE_BROKER_CONFIG = 25;
    /** C→B: the broker's config as properties text. */
    public static final int GET_BROKER_CONFIG = 26;
    /** C→B: every group's committed offsets (ConsumerOffsetSerializeWrapper). */
    public static final int GET_ALL_CONSUMER_OFFSET = 43;
    /** C→B: delay-level delivery offsets (delayOffset.json content). */
    public static final int GET_ALL_DELAY_OFFSET = 45;
    /** C→NS: put a KV config entry. */
    public static final int PUT_KV_CONFIG = 100;
    /** C→NS: get a KV config entry. */
    public static final int GET_KV_CONFIG = 101;
    /** C→NS: delete a KV config entry. */
    public static final int DELETE_KV_CONFIG = 102;
    /** C→B: create or update a subscription group (body SubscriptionGroupConfig). */
    public static final int UPDATE_AND_CREATE_SUBSCRIPTIONGROUP = 200;
    /** C→B: every subscription group config. */
    public static final int GET_ALL_SUBSCRIPTIONGROUP_CONFIG = 201;
    /** C→B: connections of a producer group. */
    public static final int GET_PRODUCER_CONNECTION_LIST = 204;
    /** C→NS: remove write permission of a broker's topics. */
    public static final int WIPE_WRITE_PERM_OF_BROKER = 205;
    /** C→B: delete a subscription group. */
    public static final int DELETE_SUBSCRIPTIONGROUP = 207;
    /** C→B: delete a topic in the broker. */
    public static final int DELETE_TOPIC_IN_BROKER = 215;
    /** C→NS: delete a topic's route. */
    public static final int DELETE_TOPIC_IN_NAMESRV = 216;
    /** C→NS: every KV config entry of a namespace. */
    public static final int GET_KVLIST_BY_NAMESPACE = 219;
    /** B→C (oneway): adopt these offsets now (classic reset). */
    public static final int RESET_CONSUMER_CLIENT_OFFSET = 220;
    /** B→C: a client's offsets of a topic (status). */
    public static final int GET_CONSUMER_STATUS_FROM_CLIENT = 221;
    /** C→B: reset a group's offsets of a topic by time. */
    public static final int INVOKE_BROKER_TO_RESET_OFFSET = 222;
    /** C→B: ask the group's clients for their offsets. */
    public static final int INVOKE_BROKER_TO_GET_CONSUMER_STATUS = 223;
    /** C→B: groups that consume a topic. */
    public static final int QUERY_TOPIC_CONSUME_BY_WHO = 300;
    /** C→B: per-queue store-time span and consume time of a group on a topic. */
    public static final int QUERY_CONSUME_TIME_SPAN = 303;
    /** C→NS: system topic names. */
    public static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;
    /** C→B: system topic names of a broker. */
    public static final int GET_SYSTEM_TOPIC_LIST_FROM_BROKER = 305;
    /** C→B: drop consume queues of topics or queues that no longer exist. */
    public static final int CLEAN_EXPIRED_CONSUMEQUEUE = 306;
    /** C→B, relayed B→C: a consumer's running info. */
    public static final int GET_CONSUMER_RUNNING_INFO = 307;
    /** C→B: correction offsets across groups. */
    public static final int QUERY_CORRECTION_OFFSET = 308;
    /** C→B, relayed B→C: consume one message directly in a client. */
    public static final int CONSUME_MESSAGE_DIRECTLY = 309;
    /** C→B: copy one group's offsets to another. */
    public static final int CLONE_GROUP_OFFSET = 314;
    /** C→B: one broker statistic (statsAll). */
    public static final int VIEW_BROKER_STATS_DATA = 315;
    /** C→B: release consume queues of topics that no longer exist. */
    public static final int CLEAN_UNUSED_TOPIC = 316;
    /** C→B: consume stats of every group of a broker. */
    public static final int GET_BROKER_CONSUME_STATS = 317;
    /** C→NS: update name-server config keys. */
    public static final int UPDATE_NAMESRV_CONFIG = 318;
    /** C→NS: the name server's config as properties text. */
    public static final int GET_NAMESRV_CONFIG = 319;
    /** C→B: consume-queue entries of a queue. */
    public static final int QUERY_CONSUME_QUEUE = 321;
    /** C→NS: restore write permission of a broker's topics. */
    public static final int ADD_WRITE_PERM_OF_BROKER = 327;
    /** C→B: topics a group consumes. */
    public static final int QUERY_TOPICS_BY_CONSUMER = 343;
    /**
     * C→B (5.x push consumer with {@code clientRebalance=false}): the queues the broker assigns to one client of a
     * group and whether it pulls or pops them (docs/protocol/16-timers-trace-reply-pop.md §4).
     */
    public static final int QUERY_ASSIGNMENT = 400;
    /** C→B (mqadmin setConsumeMode): set PULL or POP for a topic and consumer group on one broker. */
    public static final int SET_MESSAGE_REQUEST_MODE = 401;
    /** B→B (slave metadata sync): a broker's whole {@code messageRequestMode.json}. */
    public static final int GET_ALL_MESSAGE_REQUEST_MODE = 402;

    /** C→B: pop messages of a topic (one queue, or every queue with queueId -1) for an invisible time (POP). */
    public static final int POP_MESSAGE = 200050;
    /** C→B: acknowledge one popped message by its POP_CK handle. */
    public static final int ACK_MESSAGE = 200051;
    /** C→B: set a popped message's invisible time afresh, counted from now (the consumer's "retry later"). */
    public static final int CHANGE_MESSAGE_INVISIBLETIME = 200053;
    /** C→B: whether a POP consumer has messages waiting (long-polled like a pop). */
    public static final int NOTIFICATION = 200054;
    /** C→B: how many pops are held waiting on a topic, group and queue. */
    public static final int POLLING_INFO = 200055;
    /** C→B: acknowledge many popped messages at once (JSON body of bit sets). */
    public static final int BATCH_ACK_MESSAGE = 200151;

    /**
     * Apogee only (codes from {@value #FIRST_APOGEE_CODE} on are Apogee's own, far above Apache's highest, 200151),
     * C→B: move the message at a group's committed offset of one queue to the group's DLQ and advance the offset
     * past it, so an orderly consumer stuck on it goes on (mqadmin {@code skipPoisonMessage}; header and answer on
     * the broker's SkipPoisonProcessor, docs/protocol/03-request-codes.md). An Apache broker answers 3.
     */
    public static final int SKIP_POISON_MESSAGE = 800_001;
    /** The first Apogee-only request code. */
    public static final int FIRST_APOGEE_CODE = 800_000;

    private RequestCode() {
    }
}
