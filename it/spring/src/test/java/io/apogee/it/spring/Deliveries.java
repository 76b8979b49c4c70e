package io.apogee.it.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The payloads a listener received, in arrival order, each with the {@link System#nanoTime()} of its arrival.
 * Thread-safe: listeners record from the consumers' threads while tests read.
 */
final class Deliveries {

    private record Delivery(String payload, long nanoTime) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** Records one delivery of {@code payload}; returns how many deliveries of it there were, this one included. */
    synchronized int record(String payload) {
        deliveries.add(new Delivery(payload, System.nanoTime()));
        return nanoTimesOf(payload).size();
    }

    boolean contains(String payload) {
        return payloads().contains(payload);
    }

    /** Every payload received, one entry per delivery. */
    List<String> payloads() {
        return deliveries.stream().map(Delivery::payload).toList();
    }

    /** The arrival times of the deliveries of {@code payload}, oldest first. */
    List<Long> nanoTimesOf(String payload) {
        return deliveries.stream().filter(d -> d.payload().equals(payload)).map(Delivery::nanoTime).toList();
    }
}
