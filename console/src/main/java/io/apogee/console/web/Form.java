package io.apogee.console.web;

import io.apogee.common.text.NameRule;
import io.javalin.http.Context;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side checking of one submitted form (or query string): each getter reads a field, checks it and, when it
 * is wrong, remembers a sentence that says what is wrong with which value; the page shows them next to the form.
 * Values that fail come back as a neutral default, so a handler reads every field first, then asks {@link #valid()}.
 *
 * <p>Not thread-safe: one per request.
 */
public final class Form {

    /** Longest ordinary topic name (RocketMQ's limit). */
    public static final int TOPIC_MAX_LENGTH = 127;
    /** Longest group name (255 minus "%RETRY%"). */
    public static final int GROUP_MAX_LENGTH = 248;

    private final Context ctx;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public Form(Context ctx) {
        this.ctx = ctx;
    }

    /** The raw, trimmed value; empty when absent. */
    public String text(String field) {
        String value = ctx.formParam(field);
        if (value == null) {
            value = ctx.queryParam(field);
        }
        return value == null ? "" : value.trim();
    }

    /** A topic or group name ({@code kind} "topic" or "group") under RocketMQ's name rule. */
    public String name(String field, String kind) {
        String value = text(field);
        int limit = kind.equals("group") ? GROUP_MAX_LENGTH : TOPIC_MAX_LENGTH;
        NameRule.check(kind, value, limit).ifPresent(problem -> errors.put(field, capitalized(problem) + "."));
        return value;
    }

    /** A non-empty value. */
    public String required(String field, String label) {
        String value = text(field);
        if (value.isEmpty()) {
            errors.put(field, label + " is required.");
        }
        return value;
    }

    /** A whole number in [min, max]; {@code fallback} when absent. */
    public long number(String field, String label, long min, long max, long fallback) {
        String value = text(field);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                errors.put(field, label + " must be between " + min + " and " + max + ", not " + n + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            errors.put(field, label + " must be a whole number, not '" + value + "'.");
            return fallback;
        }
    }

    /**
     * A local date and time as a browser's datetime-local input sends it ({@code 2026-12-02T10:15} or with
     * seconds), in epoch milliseconds of the console's time zone; {@code fallback} when absent.
     */
    public long time(String field, String label, long fallback) {
        String value = text(field);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            errors.put(field, label + " must be a date and time like 2026-12-02T10:15, not '" + value + "'.");
            return fallback;
        }
    }

    /** Records a problem found by a check across fields. */
    public void error(String field, String sentence) {
        errors.put(field, sentence);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Field name to what is wrong with it, in the order found. */
    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
