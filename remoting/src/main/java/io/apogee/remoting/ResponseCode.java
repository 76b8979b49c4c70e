package io.apogee.remoting;

/**
 * Every response code Apogee sends, defined once, with what it means to the RocketMQ client
 * (see docs/protocol/02-response-codes.md).
 */
public final class ResponseCode {

    /** The request succeeded. */
    public static final int SUCCESS = 0;
    /** Generic failure; a sync SEND retries on another queue. */
    public static final int SYSTEM_ERROR = 1;
    /** Flow control; 5.4.0 retries a SEND, 4.9.8 does not. */
    public static final int SYSTEM_BUSY = 2;
    /** No processor for the request code; the remark names the code. */
    public static final int REQUEST_CODE_NOT_SUPPORTED = 3;
    /** SEND stored but not flushed within syncFlushTimeout: SendStatus.FLUSH_DISK_TIMEOUT, never SEND_OK. */
    public static final int FLUSH_DISK_TIMEOUT = 10;
    /** SEND stored, synchronous replication impossible. */
    public static final int SLAVE_NOT_AVAILABLE = 11;
    /** SEND stored, replication timed out. */
    public static final int FLUSH_SLAVE_TIMEOUT = 12;
    /** The message is illegal (size, topic, properties); the remark says why. Not retried by the client. */
    public static final int MESSAGE_ILLEGAL = 13;
    /** The store cannot take the request now (not writable, shutting down, slave). SEND retries. */
    public static final int SERVICE_NOT_AVAILABLE = 14;
    /** The broker or topic permissions forbid the operation. */
    public static final int NO_PERMISSION = 16;
    /** Unknown topic (name server route or broker). */
    public static final int TOPIC_NOT_EXIST = 17;
    /** No message at the requested offset (after a long poll, or offset equals max). */
    public static final int PULL_NOT_FOUND = 19;
    /** Messages exist but none matched the filter; the client re-pulls at nextBeginOffset at once. */
    public static final int PULL_RETRY_IMMEDIATELY = 20;
    /** The requested offset is illegal; the client moves to nextBeginOffset. */
    public static final int PULL_OFFSET_MOVED = 21;
    /** Nothing found: e.g. no committed offset for this group and queue ("first start" to the client). */
    public static final int QUERY_NOT_FOUND = 22;
    /** A subscription expression did not parse. */
    public static final int SUBSCRIPTION_PARSE_FAILED = 23;
    /** The group has no subscription for the topic (no heartbeat yet). */
    public static final int SUBSCRIPTION_NOT_EXIST = 24;
    /** The heartbeat-stored subscription is older than the pull's subVersion. */
    public static final int SUBSCRIPTION_NOT_LATEST = 25;
    /** The consumer group is unknown and auto-creation is disabled. */
    public static final int SUBSCRIPTION_GROUP_NOT_EXIST = 26;
    /** A request parameter is out of range (queue id, topic name). */
    public static final int INVALID_PARAMETER = 29;
    /** The consumer group has no online client. */
    public static final int CONSUMER_NOT_ONLINE = 206;
    /** A request relayed to a consumer client (GET_CONSUMER_RUNNING_INFO, CONSUME_MESSAGE_DIRECTLY) timed out. */
    public static final int CONSUME_MSG_TIMEOUT = 207;
    /** No message at the given offset (an ack or invisible-time change of an offset outside the queue). */
    public static final int NO_MESSAGE = 208;
    /** Too many pops are already held waiting; the client retries later. */
    public static final int POLLING_FULL = 209;
    /** A held pop found nothing before its poll time ran out. */
    public static final int POLLING_TIMEOUT = 210;
    /** The request is well-formed but cannot be carried out (e.g. a recall handle for another topic or broker). */
    public static final int ILLEGAL_OPERATION = 604;

    private ResponseCode() {
    }
}
