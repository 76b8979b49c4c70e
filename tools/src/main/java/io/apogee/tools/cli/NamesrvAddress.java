package io.apogee.tools.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Where mqadmin finds the name servers, as Apache's tools do: {@code -n host:port;host:port}, else the system
 * property {@code rocketmq.namesrv.addr}, else the environment variable {@code NAMESRV_ADDR}. An empty result
 * makes name-server calls fail with a one-line hint.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class NamesrvAddress {

    public static final String PROPERTY = "rocketmq.namesrv.addr";
    public static final String ENVIRONMENT = "NAMESRV_ADDR";

    private NamesrvAddress() {
    }

    /** The addresses to use; {@code option} is the value of {@code -n} or null. */
    public static List<String> resolve(String option) {
        String text = option;
        if (text == null || text.isBlank()) {
            text = System.getProperty(PROPERTY);
        }
        if (text == null || text.isBlank()) {
            text = System.getenv(ENVIRONMENT);
        }
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
