package io.apogee.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * Asynchronous sends with a bounded number in flight: {@link #send} blocks while {@code window} sends are
 * outstanding. Each outcome is handed to a {@link Completion} with the time it completed.
 *
 * <p>Thread-safe: any number of threads may send; the permits are a {@link Semaphore}.
 */
final class AsyncSender {

    /** Outcome of one send: {@code errorType} is null on SEND_OK. Called on a client thread. */
    interface Completion {
        void done(String errorType, long startNanos, long endNanos);
    }

    private final DefaultMQProducer producer;
    private final Semaphore permits;
    private final int window;

    AsyncSender(DefaultMQProducer producer, int window) {
        CommonOptions.positive("--inflight", window);
        this.producer = producer;
        this.window = window;
        this.permits = new Semaphore(window);
    }

    /** Sends one message; waits for a free slot in the window first. */
    void send(Message message, Completion completion) throws InterruptedException {
        permits.acquire();
        long start = System.nanoTime();
        try {
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    String error = result.getSendStatus() == SendStatus.SEND_OK
                            ? null : "status:" + result.getSendStatus();
                    finish(completion, error, start);
                }

                @Override
                public void onException(Throwable e) {
                    finish(completion, ErrorTally.typeOf(e), start);
                }
            });
        } catch (Exception e) {
            finish(completion, ErrorTally.typeOf(e), start);
        }
    }

    /** Reports the outcome, then frees the slot, so that {@link #drain} returns only after every completion ran. */
    private void finish(Completion completion, String error, long start) {
        try {
            completion.done(error, start, System.nanoTime());
        } finally {
            permits.release();
        }
    }

    /** Waits until nothing is in flight; false if sends are still outstanding after the timeout. */
    boolean drain(long timeoutNanos) throws InterruptedException {
        if (!permits.tryAcquire(window, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        permits.release(window);
        return true;
    }
}
