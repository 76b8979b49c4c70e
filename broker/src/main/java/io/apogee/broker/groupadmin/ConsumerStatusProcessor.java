package io.apogee.broker.groupadmin;

import io.apogee.broker.client.ClientConnection;
import io.apogee.broker.client.ClientTable;
import io.apogee.broker.client.ConsumerGroup;
import io.apogee.broker.offset.QueueBounds;
import io.apogee.common.text.ClientText;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.GetConsumerStatusBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223), header {@code topic}, {@code group}, optional {@code clientAddr} (a
 * client id, despite the name): asks every live member of the group (or only the one with that client id)
 * GET_CONSUMER_STATUS_FROM_CLIENT (221, header {@code topic}, {@code group}, {@value #CLIENT_TIMEOUT_MILLIS} ms) and
 * answers 0 with a {@link GetConsumerStatusBody} holding each answering client's queue offsets under its client id;
 * clients that fail, time out or answer without a table are left out (as Apache does). No live member →
 * CONSUMER_NOT_ONLINE (206) naming the group (Apache fails with a NullPointerException there); illegal group → 29.
 * See docs/protocol/06-admin.md.
 *
 * <p>Never waits: the answer is sent once every client's future has completed. Thread-safe: stateless apart from the
 * thread-safe client table.
 */
public final class ConsumerStatusProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerStatusProcessor.class);
    /** How long each client may take to answer 221 (Apache's value). */
    static final long CLIENT_TIMEOUT_MILLIS = 5_000;

    private final ClientTable clients;

    public ConsumerStatusProcessor(ClientTable clients) {
        this.clients = clients;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (request.code() != RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS) {
            return RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "consumer status processor cannot handle request code " + request.code());
        }
        String topic = request.requireExt("topic");
        String group = request.requireExt("group");
        String only = request.ext("clientAddr");
        Optional<QueueBounds.Refusal> illegal = QueueBounds.checkGroup(group);
        if (illegal.isPresent()) {
            return illegal.get().response();
        }
        List<ClientConnection> asked = members(group, only);
        if (asked.isEmpty()) {
            return RemotingCommand.response(ResponseCode.CONSUMER_NOT_ONLINE, "no consumer of group " + group
                    + (only == null || only.isEmpty() ? "" : " with client id " + ClientText.of(only)) + " is online");
        }
        Map<String, String> tables = new TreeMap<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (ClientConnection member : asked) {
            RemotingCommand ask = RemotingCommand.request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT)
                    .putExt("topic", topic).putExt("group", group);
            answers.add(member.channel().invoke(ask, CLIENT_TIMEOUT_MILLIS).handle((answer, error) -> {
                record(tables, member, answer, error);
                return null;
            }));
        }
        CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
            Map<String, String> copy;
            synchronized (tables) {
                copy = new TreeMap<>(tables);
            }
            channel.reply(request, RemotingCommand.success().body(GetConsumerStatusBody.compose(copy)));
        });
        return null;
    }

    private List<ClientConnection> members(String group, String only) {
        ConsumerGroup live = clients.consumerGroup(group);
        if (live == null) {
            return List.of();
        }
        return live.connections().stream().filter(c -> c.channel().isActive())
                .filter(c -> only == null || only.isEmpty() || only.equals(c.clientId())).toList();
    }

    private static void record(Map<String, String> tables, ClientConnection member, RemotingCommand answer,
                               Throwable error) {
        if (error != null || answer.code() != ResponseCode.SUCCESS) {
            LOG.info("consumer status of {}: {}", member, error != null ? error.toString() : answer.remark());
            return;
        }
        GetConsumerStatusBody.messageQueueTableOf(answer.body()).ifPresent(table -> {
            synchronized (tables) {
                tables.put(member.clientId(), table);
            }
        });
    }
}
