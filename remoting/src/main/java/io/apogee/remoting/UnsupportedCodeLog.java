package io.apogee.remoting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a request code that no processor serves, once per code and client host, with the client's language and
 * version, so that an operator can see what a tool expected of this server. The set of (code, host) pairs seen is
 * capped: past {@link #MAX_PAIRS} pairs one last line says that further ones are not logged, so a client that
 * sends every code from many addresses cannot grow it.
 *
 * <p>Thread-safe: called from any I/O thread; the seen set is concurrent.
 */
final class UnsupportedCodeLog {

    static final int MAX_PAIRS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(UnsupportedCodeLog.class);

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean full = new AtomicBoolean();

    /** Returns whether this call logged (first time for the pair, and the cap not reached). */
    boolean record(String clientHost, RemotingCommand request) {
        if (seen.size() >= MAX_PAIRS) {
            if (full.compareAndSet(false, true)) {
                LOG.warn("{} distinct unsupported (request code, client host) pairs logged; not logging further ones",
                        MAX_PAIRS);
            }
            return false;
        }
        if (!seen.add(request.code() + "@" + clientHost)) {
            return false;
        }
        LOG.warn("request code {} is not supported; sent by {} ({} client, version {}); answered {}", request.code(),
                clientHost, request.language(), request.version(), ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        return true;
    }
}
