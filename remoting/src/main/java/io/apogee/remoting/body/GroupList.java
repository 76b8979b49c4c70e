package io.apogee.remoting.body;

import java.util.Set;
import java.util.TreeSet;

/**
 * Answer body of QUERY_TOPIC_CONSUME_BY_WHO (300): {@code {"groupList":["G1","G2"]}}, the consumer groups of a
 * topic (docs/protocol/08-json-bodies.md §6).
 */
public final class GroupList {
    public Set<String> groupList = new TreeSet<>();

    public GroupList() {
    }

    public GroupList(Set<String> groups) {
        this.groupList = new TreeSet<>(groups);
    }
}
