package io.apogee.broker.dedup;

import io.apogee.store.PutResult;

/**
 * What a duplicate send is answered with: the original put's result and the queueId the original's response named.
 *
 * @param put     the original's store result (rebuilt from the window's primitives for a plain stored message)
 * @param queueId the queueId of the original's response
 */
public record SentResult(PutResult put, int queueId) {
}
