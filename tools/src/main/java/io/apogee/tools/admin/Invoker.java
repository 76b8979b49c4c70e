package io.apogee.tools.admin;

import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RemotingException;
import io.apogee.remoting.ResponseCode;
import java.util.List;

/**
 * Sends one request and turns every outcome that is not an expected response code into an
 * {@link AdminException}: no answer → {@link AdminException#NO_RESPONSE}, another code → that code and its remark,
 * an unreadable body → {@link AdminException#BAD_ANSWER}. Name-server requests go to the configured name servers
 * in order until one answers (like the clients, which stick to one reachable name server).
 *
 * <p>Thread-safe: the fields are final and the remoting client is thread-safe.
 */
final class Invoker {

    /** The remark of the failure of a name-server call when no address was given. */
    static final String NO_NAMESRV = "no name server address given";

    private final RemotingClient client;
    private final List<String> namesrvAddrs;
    private final long timeoutMillis;

    Invoker(RemotingClient client, List<String> namesrvAddrs, long timeoutMillis) {
        this.client = client;
        this.namesrvAddrs = List.copyOf(namesrvAddrs);
        this.timeoutMillis = timeoutMillis;
    }

    List<String> namesrvAddrs() {
        return namesrvAddrs;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Sends to {@code addr}; a response code outside {@code accepted} (SUCCESS when none given) fails. */
    RemotingCommand call(String addr, RemotingCommand request, int... accepted) throws AdminException {
        return callWithin(addr, request, timeoutMillis, accepted);
    }

    RemotingCommand callWithin(String addr, RemotingCommand request, long timeout, int... accepted)
            throws AdminException {
        if (addr == null || addr.isBlank()) {
            throw AdminException.illegal("no address to send request code " + request.code() + " to");
        }
        RemotingCommand response;
        try {
            response = client.invokeSync(addr, request, timeout);
        } catch (RemotingException e) {
            throw new AdminException(AdminException.NO_RESPONSE, noResponse(addr, request.code(), e));
        } catch (IllegalArgumentException e) {
            throw AdminException.illegal("bad address '" + addr + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(AdminException.NO_RESPONSE, "interrupted while waiting for " + addr);
        }
        if (!isAccepted(response.code(), accepted)) {
            throw new AdminException(response.code(), response.remark());
        }
        return response;
    }

    /** Sends to the first name server that answers; fails with the last failure when none does. */
    RemotingCommand namesrv(RemotingCommand request, int... accepted) throws AdminException {
        if (namesrvAddrs.isEmpty()) {
            throw AdminException.illegal(NO_NAMESRV);
        }
        AdminException last = null;
        for (String addr : namesrvAddrs) {
            try {
                return call(addr, copyOf(request), accepted);
            } catch (AdminException e) {
                if (e.code() != AdminException.NO_RESPONSE) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Sends to every name server; the first failure ends the loop. */
    void everyNamesrv(RemotingCommand request) throws AdminException {
        if (namesrvAddrs.isEmpty()) {
            throw AdminException.illegal(NO_NAMESRV);
        }
        for (String addr : namesrvAddrs) {
            call(addr, copyOf(request));
        }
    }

    /**
     * The answer's JSON body as {@code type}. Read leniently: Apache RocketMQ's servers write fastjson, whose numeric
     * map keys are unquoted (the cluster table's {@code "brokerAddrs":{0:"127.0.0.1:10911"}}).
     */
    static <T> T body(RemotingCommand response, Class<T> type) throws AdminException {
        try {
            return JsonCodec.decodeLenient(response.body(), type);
        } catch (IllegalArgumentException e) {
            throw new AdminException(AdminException.BAD_ANSWER, e.getMessage());
        }
    }

    static long longHeader(RemotingCommand response, String key) throws AdminException {
        String value = response.ext(key);
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new AdminException(AdminException.BAD_ANSWER, "response to request without a number in '"
                    + key + "': " + value);
        }
    }

    /** One line without exception class names: "cannot connect to 127.0.0.1:1 (Connection refused)". */
    static String noResponse(String addr, int code, RemotingException e) {
        if (e.kind() != RemotingException.Kind.CONNECT_FAILED) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? "" : root.getMessage();
        int colon = why == null ? -1 : why.indexOf("failed: ");
        why = why == null ? "" : colon >= 0 ? why.substring(colon + "failed: ".length()) : why;
        int slash = why.lastIndexOf(": /");
        why = slash >= 0 ? why.substring(0, slash) : why;
        return "cannot connect to " + addr + (why.isBlank() ? "" : " (" + why + ")") + " for request code " + code;
    }

    private static boolean isAccepted(int code, int[] accepted) {
        if (accepted.length == 0) {
            return code == ResponseCode.SUCCESS;
        }
        for (int a : accepted) {
            if (a == code) {
                return true;
            }
        }
        return false;
    }

    /** A fresh copy: a command gets its opaque when sent, so one instance is sent once. */
    private static RemotingCommand copyOf(RemotingCommand request) {
        RemotingCommand copy = RemotingCommand.request(request.code()).body(request.body());
        if (request.extFields() != null) {
            request.extFields().forEach(copy::putExt);
        }
        return copy;
    }
}
