package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Answer body of GET_PRODUCER_CONNECTION_LIST (204): {@code {"connectionSet":[Connection...]}}, the live
 * members of a producer group (docs/protocol/08-json-bodies.md §7).
 */
public final class ProducerConnection {
    public List<Connection> connectionSet = new ArrayList<>();
}
