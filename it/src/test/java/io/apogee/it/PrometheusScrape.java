package io.apogee.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scrape of a Prometheus endpoint, as Prometheus does it ({@code GET /metrics}, text format), and the values of
 * its samples. A sample line is {@code name{label="value",...} number}; label values here never hold '"' or ','.
 */
final class PrometheusScrape {

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    /** Scrapes http://127.0.0.1:port/metrics; fails unless the answer is 200. */
    static PrometheusScrape of(int port) throws Exception {
        return of("127.0.0.1", port);
    }

    /** Scrapes http://host:port/metrics; fails unless the answer is 200. */
    static PrometheusScrape of(String host, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /metrics on port " + port + " answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }

    String text() {
        return text;
    }

    /**
     * The values of the samples of {@code name} that carry every given label (pairs of name, value), in scrape order.
     */
    List<Double> values(String name, String... labels) {
        List<Double> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                String[] parts = line.trim().split(" ");
                out.add(Double.parseDouble(parts[parts.length - 1]));
            }
        }
        return out;
    }

    /** The single sample of {@code name} with the labels; fails when there is none or more than one. */
    double value(String name, String... labels) {
        List<Double> found = values(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + String.join(",", labels)
                    + " in:\n" + text);
        }
        return found.get(0);
    }
}
