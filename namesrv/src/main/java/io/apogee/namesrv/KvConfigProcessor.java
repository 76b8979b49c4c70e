package io.apogee.namesrv;

import io.apogee.common.io.MetadataWriteException;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.KeyValueTable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The KV config requests of {@code mqadmin} (docs/protocol/07-nameserver.md §2), on the {@link KvConfigTable}:
 * <ul>
 *   <li>PUT_KV_CONFIG (100), ext {@code namespace}, {@code key}, {@code value}: 0 once the file holds it, 1 naming
 *       the file when it could not be written;</li>
 *   <li>GET_KV_CONFIG (101), ext {@code namespace}, {@code key}: 0 with ext {@code value}, or QUERY_NOT_FOUND (22)
 *       {@code No config item, Namespace: <ns> Key: <key>};</li>
 *   <li>DELETE_KV_CONFIG (102), ext {@code namespace}, {@code key}: 0 (also for an absent key);</li>
 *   <li>GET_KVLIST_BY_NAMESPACE (219), ext {@code namespace}: 0 with body KVTable {@code {"table":{k:v}}}, or 22
 *       {@code No config item, Namespace: <ns>} when it has no entry.</li>
 * </ul>
 * A missing ext field answers 1 naming it. Changes are answered once durable, without holding a worker thread.
 *
 * <p>Thread-safe: stateless apart from the thread-safe table.
 */
public final class KvConfigProcessor implements RequestProcessor {

    private final KvConfigTable kv;

    public KvConfigProcessor(KvConfigTable kv) {
        this.kv = kv;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG -> replyWhenStored(channel, request, kv.put(request.requireExt("namespace"),
                    request.requireExt("key"), request.requireExt("value")));
            case RequestCode.GET_KV_CONFIG -> get(request.requireExt("namespace"), request.requireExt("key"));
            case RequestCode.DELETE_KV_CONFIG -> replyWhenStored(channel, request,
                    kv.delete(request.requireExt("namespace"), request.requireExt("key")));
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> list(request.requireExt("namespace"));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a KV config request");
        };
    }

    private RemotingCommand get(String namespace, String key) {
        Optional<String> value = kv.get(namespace, key);
        if (value.isEmpty()) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: "
                    + ClientText.of(namespace) + " Key: " + ClientText.of(key));
        }
        return RemotingCommand.success().putExt("value", value.get());
    }

    private RemotingCommand list(String namespace) {
        Map<String, String> entries = kv.namespace(namespace);
        if (entries.isEmpty()) {
            return RemotingCommand.response(ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + ClientText.of(namespace));
        }
        KeyValueTable body = new KeyValueTable();
        body.table.putAll(entries);
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }

    private RemotingCommand replyWhenStored(RemoteChannel channel, RemotingCommand request,
                                            CompletableFuture<Void> stored) {
        stored.whenComplete((v, error) -> channel.reply(request, error == null ? RemotingCommand.success()
                : RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "KV config changed in memory but not stored: "
                        + MetadataWriteException.messageOf(error))));
        return null;
    }
}
