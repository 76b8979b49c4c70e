package io.apogee.it;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Judges a list of named compatibility checks against a set of names that are known not to work yet. A working
 * check must pass; a check listed as not yet working must still fail, so that whoever makes it work is told to
 * move it to the working list (the ratchet only turns one way). Every outcome is kept for the coverage report.
 *
 * <p>Not thread-safe: JUnit runs the dynamic tests of one factory one after the other on one thread.
 */
final class CoverageRatchet {

    /** One named check: what it runs, and the name under which it is listed as working or not yet. */
    record Check(String name, Executable body) {
    }

    private final Set<String> notYet;
    private final Map<String, String> outcomes = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    CoverageRatchet(Set<String> notYet) {
        this.notYet = Set.copyOf(notYet);
    }

    /** A dynamic test that runs {@code check} and holds it to the ratchet. */
    DynamicTest test(Check check) {
        return DynamicTest.dynamicTest(check.name(), () -> judge(check));
    }

    private void judge(Check check) {
        Throwable failure = run(check.body());
        boolean expectedToWork = !notYet.contains(check.name());
        outcomes.put(check.name(), failure == null ? "works" : "fails: " + firstLine(failure));
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            failures.put(check.name(), trace.toString());
        }
        if (expectedToWork && failure != null) {
            throw new AssertionError(check.name() + " does not work against Apogee", failure);
        }
        if (!expectedToWork && failure == null) {
            throw new AssertionError(check.name() + " now works against Apogee: remove it from NOT_YET");
        }
    }

    /** Runs a check; its failure is the value judged (assertion or exception alike), hence the broad catch. */
    private static Throwable run(Executable body) {
        try {
            body.execute();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static String firstLine(Throwable failure) {
        String text = String.valueOf(failure.getMessage()).strip();
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return (failure.getClass().getSimpleName() + ": " + line).replace('|', '/');
    }

    /** Outcome per check name, in the order the checks ran ("works" or "fails: ..."). */
    Map<String, String> outcomes() {
        return new LinkedHashMap<>(outcomes);
    }

    /** The whole failure text of every failed check (a not-yet check's included), for the report. */
    String failureDetails() {
        StringBuilder text = new StringBuilder();
        failures.forEach((name, failure) -> text.append("=== ").append(name).append('\n').append(failure)
                .append("\n\n"));
        return text.toString();
    }
}
