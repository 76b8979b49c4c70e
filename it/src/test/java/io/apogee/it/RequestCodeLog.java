package io.apogee.it;

import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Apache {@link RPCHook} that records, per labelled step of a test (an mqadmin command, an admin call), every
 * request code the Apache client sent and the response codes it got back ({@code -} until an answer arrives;
 * one-way requests keep it). The same class compiles against client 4.9.8 and 5.4.0: both have this hook
 * interface and {@code RemotingCommand} under the same names.
 *
 * <p>Thread-safe: the clients call the hook from their callback and I/O threads while the test thread switches
 * the label; the label is volatile and the tables are concurrent maps of concurrent sets.
 */
final class RequestCodeLog implements RPCHook {

    private static final String NO_ANSWER = "-";

    private final Map<String, Map<Integer, Set<String>>> answersByStep = new ConcurrentHashMap<>();
    private volatile String step = "(setup)";

    /** Attributes the requests sent from now on to {@code label}. */
    void step(String label) {
        step = label;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (!request.isResponseType()) {
            answers(request.getCode()).add(NO_ANSWER);
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        if (response == null || request.isResponseType()) {
            return;
        }
        Set<String> answers = answers(request.getCode());
        answers.remove(NO_ANSWER);
        answers.add(Integer.toString(response.getCode()));
    }

    private Set<String> answers(int code) {
        return answersByStep.computeIfAbsent(step, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, c -> ConcurrentHashMap.newKeySet());
    }

    /** The codes sent during {@code label}, each with the response codes seen, ordered by code. */
    Map<Integer, Set<String>> sentDuring(String label) {
        Map<Integer, Set<String>> sorted = new TreeMap<>();
        answersByStep.getOrDefault(label, Map.of())
                .forEach((code, answers) -> sorted.put(code, new TreeSet<>(answers)));
        return sorted;
    }

    /** "code→answers" pairs of {@code label} on one line, e.g. {@code 105→0 202→0 351→17}. */
    String describe(String label) {
        StringBuilder line = new StringBuilder();
        sentDuring(label).forEach((code, answers) ->
                line.append(line.isEmpty() ? "" : " ").append(code).append('→').append(String.join("/", answers)));
        return line.toString();
    }

    /**
     * Writes two markdown tables to {@code file}: the ratchet's outcome per check, and the request codes sent per
     * recorded step with their answers ({@code -}: none seen by the hook, i.e. one-way, or asynchronous in 4.9.8);
     * and the full text of every failure next to it ({@code <file>.failures.txt}).
     */
    void writeReport(Path file, CoverageRatchet ratchet) throws IOException {
        StringBuilder text = new StringBuilder("| check | outcome |\n|---|---|\n");
        ratchet.outcomes().forEach((name, outcome) ->
                text.append("| ").append(name).append(" | ").append(outcome).append(" |\n"));
        text.append("\n| step | request code → response codes |\n|---|---|\n");
        new TreeSet<>(answersByStep.keySet()).forEach(label ->
                text.append("| ").append(label).append(" | ").append(describe(label)).append(" |\n"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.writeString(file.resolveSibling(file.getFileName() + ".failures.txt"), ratchet.failureDetails());
    }
}
