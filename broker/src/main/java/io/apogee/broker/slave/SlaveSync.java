package io.apogee.broker.slave;

import io.apogee.broker.assignment.MessageRequestModes;
import io.apogee.broker.offset.ConsumerOffsetTable;
import io.apogee.broker.schedule.DelayOffsetTable;
import io.apogee.broker.subscription.SubscriptionGroupTable;
import io.apogee.broker.topic.TopicTable;
import io.apogee.common.DaemonScheduler;
import io.apogee.common.Lifecycle;
import io.apogee.remoting.JsonCodec;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import io.apogee.remoting.ResponseCode;
import io.apogee.remoting.body.ConsumerOffsetSerializeWrapper;
import io.apogee.remoting.body.TopicConfigSerializeWrapper;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's copy of its master's metadata (Apache's SlaveSynchronize, docs/protocol/15-replication.md §2.2): every
 * {@value #PERIOD_MILLIS} ms (the first {@value #FIRST_DELAY_MILLIS} ms after start) it asks the master, whose address
 * the name server gave in the last registration answer, for
 * <ul>
 *   <li>GET_ALL_TOPIC_CONFIG (21): replaces the topic table when the master's data version differs;</li>
 *   <li>GET_ALL_CONSUMER_OFFSET (43): merged, the larger offset of each queue kept
 *       ({@link ConsumerOffsetTable#mergeFromMaster}: offsets committed here while the master was down survive);</li>
 *   <li>GET_ALL_DELAY_OFFSET (45): the delay levels' delivery progress;</li>
 *   <li>GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201): replaces the subscription groups;</li>
 *   <li>GET_ALL_MESSAGE_REQUEST_MODE (402): replaces the PULL/POP request modes ({@code messageRequestMode.json})
 *       when they differ (a master that does not serve 402 leaves them as they are).</li>
 * </ul>
 * so that a slave serves pulls and offset queries of the master's topics and groups when the master is down. A
 * failed call is logged (one line) and retried next period; the others still run.
 *
 * <p>Threads: one scheduler thread "broker-slave-sync" does the calls; the master address is volatile, set by the
 * registrar's threads; the tables are thread-safe.
 */
public final class SlaveSync implements Lifecycle {

    static final long FIRST_DELAY_MILLIS = 3_000;
    static final long PERIOD_MILLIS = 10_000;
    private static final long CALL_TIMEOUT_MILLIS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(SlaveSync.class);

    private final TopicTable topics;
    private final ConsumerOffsetTable offsets;
    private final SubscriptionGroupTable groups;
    private final MessageRequestModes requestModes;
    private final Consumer<Map<Integer, Long>> delayOffsets;
    private final String ownAddress;
    private final RemotingClient client = new RemotingClient("broker-slave-sync");
    private final ScheduledExecutorService timer = DaemonScheduler.named("broker-slave-sync");
    private volatile String masterAddress;

    /**
     * @param delayOffsets takes the master's delay-level progress (level to next offset), e.g.
     *                     {@link io.apogee.broker.schedule.ScheduleMessageService#adoptOffsets}
     * @param requestModes the POP/PULL request modes, replaced by the master's (GET_ALL_MESSAGE_REQUEST_MODE)
     * @param ownAddress   this broker's address, never taken as its own master
     */
    public SlaveSync(TopicTable topics, ConsumerOffsetTable offsets, SubscriptionGroupTable groups,
                     MessageRequestModes requestModes, Consumer<Map<Integer, Long>> delayOffsets, String ownAddress) {
        this.topics = topics;
        this.offsets = offsets;
        this.groups = groups;
        this.requestModes = requestModes;
        this.delayOffsets = delayOffsets;
        this.ownAddress = ownAddress;
    }

    /** The master's client-facing address, from a registration answer; null or blank leaves the last one. */
    public void masterAddress(String address) {
        if (address != null && !address.isBlank() && !address.equals(ownAddress)
                && !address.equals(masterAddress)) {
            masterAddress = address;
            LOG.info("metadata sync: master is {}", address);
        }
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::syncSafely, FIRST_DELAY_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void syncSafely() {
        try {
            syncOnce();
        } catch (Throwable t) {
            LOG.warn("metadata sync from {} failed: {}", masterAddress, t.toString());
        }
    }

    /** One round of the five calls; each failure is logged and does not stop the others. */
    void syncOnce() throws InterruptedException {
        String master = masterAddress;
        if (master == null) {
            return;
        }
        byte[] body = fetch(master, RequestCode.GET_ALL_TOPIC_CONFIG, "topics");
        apply("topics", body, () -> {
            if (topics.replaceAll(JsonCodec.decodeLenient(body, TopicConfigSerializeWrapper.class))) {
                LOG.info("metadata sync: topics replaced by {}'s ({} topics)", master, topics.all().size());
            }
        });
        byte[] offsetsBody = fetch(master, RequestCode.GET_ALL_CONSUMER_OFFSET, "consumer offsets");
        apply("consumer offsets", offsetsBody, () -> offsets.mergeFromMaster(
                JsonCodec.decodeLenient(offsetsBody, ConsumerOffsetSerializeWrapper.class).offsetTable));
        byte[] delayBody = fetch(master, RequestCode.GET_ALL_DELAY_OFFSET, "delay offsets");
        apply("delay offsets", delayBody, () -> delayOffsets.accept(
                JsonCodec.decodeLenient(delayBody, DelayOffsetTable.FileForm.class).offsetTable));
        byte[] groupsBody = fetch(master, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, "subscription groups");
        apply("subscription groups", groupsBody, () -> {
            if (groups.replaceAll(JsonCodec.decodeLenient(groupsBody, SubscriptionGroupTable.FileForm.class)
                    .subscriptionGroupTable)) {
                LOG.info("metadata sync: subscription groups replaced by {}'s", master);
            }
        });
        byte[] modesBody = fetch(master, RequestCode.GET_ALL_MESSAGE_REQUEST_MODE, "request modes");
        apply("request modes", modesBody, () -> {
            if (requestModes.replaceAll(JsonCodec.decodeLenient(modesBody, MessageRequestModes.FileForm.class))) {
                LOG.info("metadata sync: request modes replaced by {}'s", master);
            }
        });
    }

    /** Applies a fetched body (nothing when the fetch failed); an unreadable body is logged, not thrown. */
    private static void apply(String what, byte[] body, Runnable application) {
        if (body == null) {
            return;
        }
        try {
            application.run();
        } catch (RuntimeException e) {
            LOG.warn("metadata sync: cannot apply the master's {}: {}", what, e.getMessage());
        }
    }

    /** The body of {@code code}'s answer, or null (logged) when the call failed or was refused. */
    private byte[] fetch(String master, int code, String what) throws InterruptedException {
        try {
            RemotingCommand response = client.invokeAsync(master, RemotingCommand.request(code), CALL_TIMEOUT_MILLIS)
                    .get(CALL_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
            if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
                LOG.debug("metadata sync: {} not answered by {}: code {} {}", what, master, response.code(),
                        response.remark());
                return null;
            }
            return response.body();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("metadata sync: cannot fetch {} from {}: {}", what, master, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }
}
