package io.apogee.broker.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.broker.subscription.Subscription;
import io.apogee.remoting.LanguageCode;
import io.apogee.remoting.RemoteChannel;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.RequestCode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryQueueWatchTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final NoticeRecorder member = new NoticeRecorder();
    private final ClientTable clients = new ClientTable(new ConsumerIdsChangeNotifier(), group -> true);
    private final RetryQueueWatch watch = new RetryQueueWatch(clients, clock::get);

    @BeforeEach
    void joinGroup() {
        clients.registerConsumer("G1", "CONSUME_PASSIVELY", "CLUSTERING", "CONSUME_FROM_LAST_OFFSET",
                new ClientConnection("c1@1", member, LanguageCode.JAVA, 0, clock.get()),
                List.of(Subscription.of("T", "*", "TAG", clock.get())), clock.get());
        member.notices.clear();
    }

    @Test
    void shouldAskTheGroupToRebalanceWhenARetryMessageArrivesThatNoMemberPulls() {
        watch.arrived("%RETRY%G1");

        assertThat(member.notices).containsExactly("G1");
    }

    @Test
    void shouldLeaveTheGroupAloneWhileAMemberPullsItsRetryQueue() {
        watch.pulled("G1", "%RETRY%G1");
        clock.addAndGet(RetryQueueWatch.PULL_SILENCE_MILLIS - 1);

        watch.arrived("%RETRY%G1");

        assertThat(member.notices).isEmpty();
    }

    @Test
    void shouldAskAgainOnlyAfterTheNudgeInterval() {
        watch.arrived("%RETRY%G1");
        watch.arrived("%RETRY%G1");
        clock.addAndGet(RetryQueueWatch.NUDGE_INTERVAL_MILLIS);
        watch.arrived("%RETRY%G1");

        assertThat(member.notices).containsExactly("G1", "G1");
    }

    @Test
    void shouldIgnoreOrdinaryTopicsAndGroupsWithoutMembers() {
        watch.pulled("G1", "T");
        watch.arrived("T");
        watch.arrived("%RETRY%NOBODY");

        assertThat(member.notices).isEmpty();
    }

    /** A client connection that records the groups of the NOTIFY_CONSUMER_IDS_CHANGED notices sent to it. */
    private static final class NoticeRecorder implements RemoteChannel {

        final List<String> notices = new CopyOnWriteArrayList<>();

        @Override
        public String remoteAddress() {
            return "10.0.0.1:5000";
        }

        @Override
        public InetSocketAddress remoteSocketAddress() {
            return new InetSocketAddress("10.0.0.1", 5000);
        }

        @Override
        public InetSocketAddress localSocketAddress() {
            return new InetSocketAddress("127.0.0.1", 10911);
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void reply(RemotingCommand request, RemotingCommand response) {
        }

        @Override
        public void invokeOneway(RemotingCommand request) {
            if (request.code() == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED) {
                notices.add(request.ext("consumerGroup"));
            }
        }

        @Override
        public CompletableFuture<RemotingCommand> invoke(RemotingCommand request, long timeoutMillis) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("not a client"));
        }

        @Override
        public void close() {
        }
    }
}
