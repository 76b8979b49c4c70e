package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/** Answer body of GET_CONSUMER_LIST_BY_GROUP (38): {@code {"consumerIdList":["ip@pid#nano",...]}}. */
public final class ConsumerListBody {
    public List<String> consumerIdList = new ArrayList<>();

    public ConsumerListBody() {
    }

    public ConsumerListBody(List<String> consumerIdList) {
        this.consumerIdList = consumerIdList;
    }
}
