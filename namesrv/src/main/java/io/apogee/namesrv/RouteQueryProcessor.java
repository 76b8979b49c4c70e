package io.apogee.namesrv;

import io.apogee.common.text.ClientText;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.body.TopicRouteData;
import java.util.Optional;

/**
 * Read-only route queries of clients and admin tools:
 * <ul>
 *   <li>GET_ROUTEINFO_BY_TOPIC (105), ext {@code topic}: SUCCESS + {@link TopicRouteData} JSON, or
 *       TOPIC_NOT_EXIST (17) with remark {@code No topic route info in name server for the topic: <topic>};</li>
 *   <li>GET_BROKER_CLUSTER_INFO (106): SUCCESS + ClusterInfo JSON;</li>
 *   <li>GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206): SUCCESS + TopicList JSON;</li>
 *   <li>GET_TOPICS_BY_CLUSTER (224), ext {@code cluster}: SUCCESS + TopicList JSON.</li>
 * </ul>
 * Map keys are written as standard quoted JSON ({@code "brokerAddrs":{"0":"ip:port"}}), which both client
 * versions read. Client-supplied names echoed in remarks are rendered by {@link ClientText}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe {@link RouteTable}.
 */
public final class RouteQueryProcessor implements RequestProcessor {

    private final RouteTable routes;

    public RouteQueryProcessor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_ROUTEINFO_BY_TOPIC -> topicRoute(request.requireExt("topic"));
            case RequestCode.GET_BROKER_CLUSTER_INFO -> withBody(routes.clusterInfo());
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER -> withBody(routes.allTopics());
            case RequestCode.GET_TOPICS_BY_CLUSTER -> withBody(routes.topicsOfCluster(request.requireExt("cluster")));
            default -> RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " is not a route query");
        };
    }

    private RemotingCommand topicRoute(String topic) {
        Optional<TopicRouteData> route = routes.route(topic);
        if (route.isEmpty()) {
            return RemotingCommand.response(ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + ClientText.of(topic));
        }
        return withBody(route.get());
    }

    private static RemotingCommand withBody(Object body) {
        return RemotingCommand.success().body(JsonCodec.encode(body));
    }
}
