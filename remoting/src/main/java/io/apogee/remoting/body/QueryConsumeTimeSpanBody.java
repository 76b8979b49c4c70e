package io.apogee.remoting.body;

import java.util.ArrayList;
import java.util.List;

/** Answer body of QUERY_CONSUME_TIME_SPAN (303): {@code {"consumeTimeSpanSet":[QueueTimeSpan,...]}}. */
public final class QueryConsumeTimeSpanBody {
    public List<QueueTimeSpan> consumeTimeSpanSet = new ArrayList<>();
}
