package io.apogee.store;

/**
 * Told about every message once its consume-queue unit is written (so {@link MessageStore#get} can return it).
 * Called on the store's dispatcher thread: implementations must be quick and must not block (hand work off
 * to another thread). Exceptions are logged and ignored.
 */
public interface MessageArrivalListener {

    void arrived(String topic, int queueId, long logicOffset, long tagsCode, long storeTimestamp);
}
