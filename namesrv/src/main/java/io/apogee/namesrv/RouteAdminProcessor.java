package io.apogee.namesrv;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin changes and queries of the route table (docs/protocol/07-nameserver.md §2):
 * <ul>
 *   <li>DELETE_TOPIC_IN_NAMESRV (216), ext {@code topic}, optional {@code clusterName}: removes the topic from the
 *       brokers of that cluster (from every broker without it); 0, also for an unknown topic or cluster, as
 *       Apache. The topic comes back only if a broker registers it again.</li>
 *   <li>WIPE_WRITE_PERM_OF_BROKER (205) / ADD_WRITE_PERM_OF_BROKER (327), ext {@code brokerName}: routes show the
 *       broker's topics read-only / with the permissions it registered; 0 with ext {@code wipeTopicCount} /
 *       {@code addTopicCount}, the number of its topics (0 for an unknown broker).</li>
 *   <li>GET_SYSTEM_TOPIC_LIST_FROM_NS (304): 0 with body TopicList: cluster and broker names, and
 *       {@code brokerAddr}, one registered broker's address.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RouteTable}.
 */
public final class RouteAdminProcessor implements RequestProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(RouteAdminProcessor.class);

    private final RouteTable routes;

    public RouteAdminProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.DELETE_TOPIC_IN_NAMESRV -> deleteTopic(channel, request);
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER -> {
                String broker = request.requireExt("brokerName");
                int count = routes.wipeWritePerm(broker);
                LOG.info("Write permission of broker {} wiped ({} topics) by {}", ClientText.of(broker), count,
                        channel.remoteAddress());
                yield RemotingCommand.success().putExt("wipeTopicCount", count);
            }
            case RequestCode.ADD_WRITE_PERM_OF_BROKER -> {
                String broker = request.requireExt("brokerName");
                int count = routes.addWritePerm(broker);
                LOG.info("Write permission of broker {} added back ({} topics) by {}", ClientText.of(broker), count,
                        channel.remoteAddress());
                yield RemotingCommand.success().putExt("addTopicCount", count);
            }
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS ->
                    RemotingCommand.success().body(JsonCodec.encode(routes.systemTopics()));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a route admin request");
        };
    }

    private RemotingCommand deleteTopic(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireExt("topic");
        String cluster = request.ext("clusterName");
        if (cluster == null || cluster.isEmpty()) {
            boolean removed = routes.deleteTopic(topic);
            LOG.info("Topic {} deleted from every broker ({}) by {}", ClientText.of(topic),
                    removed ? "was routed" : "was unknown", channel.remoteAddress());
        } else {
            int brokers = routes.deleteTopic(topic, cluster);
            LOG.info("Topic {} deleted from {} brokers of cluster {} by {}", ClientText.of(topic), brokers,
                    ClientText.of(cluster), channel.remoteAddress());
        }
        return RemotingCommand.success();
    }
}
