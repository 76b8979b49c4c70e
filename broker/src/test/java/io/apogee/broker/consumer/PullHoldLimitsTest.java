package io.apogee.broker.consumer;

import static io.apogee.broker.consumer.ConsumeSideFixture.pull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apogee.broker.config.BrokerConfig;
import io.apogee.broker.pull.PullRequestHeader;
import io.apogee.remoting.RemotingClient;
import io.apogee.remoting.RemotingCommand;
import io.apogee.remoting.ResponseCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parked pulls are bounded: per connection, in total, by header size and by time, and go with their connection.
 * (Before, 2,500 parked pulls with a 256 KiB extra header field each filled a 1 GiB heap and stayed until a
 * message arrived.)
 */
class PullHoldLimitsTest {

    private static final int SUSPEND = 0x2;

    @TempDir
    Path dir;
    ConsumeSideFixture broker;

    @AfterEach
    void stop() {
        broker.close();
    }

    private RemotingClient start(BrokerConfig config) throws Exception {
        broker = new ConsumeSideFixture(dir, config);
        return broker.newClient("c1");
    }

    private CompletableFuture<RemotingCommand> park(RemotingClient client, int queueId) {
        return client.invokeAsync(broker.address(), pull("G1", queueId, 0, SUSPEND, "*", 20_000), 30_000);
    }

    @Test
    void shouldAnswerSystemBusyWhenAConnectionHasTheMostParkedPulls() throws Exception {
        BrokerConfig config = ConsumeSideFixture.defaultConfig();
        config.pullHoldMaxPerConnection = 3;
        RemotingClient client = start(config);
        for (int q = 0; q < 3; q++) {
            park(client, q);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 3);

        RemotingCommand refused = park(client, 3).get(5, TimeUnit.SECONDS);
        RemotingClient other = broker.newClient("c2");
        park(other, 3);

        assertThat(refused.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
        assertThat(refused.remark()).contains("already has 3 parked pulls", "pullHoldMaxPerConnection");
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 4);
    }

    @Test
    void shouldAnswerSystemBusyWhenTheBrokerHasTheMostParkedPulls() throws Exception {
        BrokerConfig config = ConsumeSideFixture.defaultConfig();
        config.pullHoldMaxTotal = 2;
        RemotingClient client = start(config);
        park(client, 0);
        park(broker.newClient("c2"), 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 2);

        RemotingCommand refused = park(broker.newClient("c3"), 2).get(5, TimeUnit.SECONDS);

        assertThat(refused.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
        assertThat(refused.remark()).contains("pullHoldMaxTotal");
        assertThat(broker.consumeSide.heldPullCount()).isEqualTo(2);
    }

    @Test
    void shouldDropParkedPullsWhenTheirConnectionCloses() throws Exception {
        RemotingClient client = start(ConsumeSideFixture.defaultConfig());
        List<CompletableFuture<RemotingCommand>> parked = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            parked.add(park(client, q));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 4);

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 0);
        broker.put(0, null, "after the close");
        assertThat(broker.consumeSide.heldPullCount()).isZero();
    }

    @Test
    void shouldClampTheSuspendTimeoutToPullHoldMaxMillis() throws Exception {
        BrokerConfig config = ConsumeSideFixture.defaultConfig();
        config.pullHoldMaxMillis = 1_000;
        RemotingClient client = start(config);

        RemotingCommand answer = client.invokeAsync(broker.address(),
                pull("G1", 0, 0, SUSPEND, "*", 3_600_000), 30_000).get(10, TimeUnit.SECONDS);

        assertThat(answer.code()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    }

    @Test
    void shouldKeepOnlyThePullHeaderOfAParkedPullAndRefuseAnOversizedOne() throws Exception {
        RemotingClient client = start(ConsumeSideFixture.defaultConfig());
        RemotingCommand bloated = pull("G1", 0, 0, SUSPEND, "*", 20_000).putExt("padding", "p".repeat(256 * 1024))
                .remark("r".repeat(64 * 1024));

        CompletableFuture<RemotingCommand> parked = client.invokeAsync(broker.address(), bloated, 30_000);
        RemotingCommand kept = PullRequestHeader.trimmed(bloated);
        RemotingCommand tooLong = client.invokeAsync(broker.address(),
                pull("G1", 1, 0, SUSPEND, "Tag".repeat(3_000), 20_000), 30_000).get(5, TimeUnit.SECONDS);

        assertThat(kept.extFields()).doesNotContainKey("padding").containsKeys("consumerGroup", "subscription");
        assertThat(kept.remark()).isNull();
        assertThat(PullRequestHeader.extChars(kept)).isLessThan(400);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.consumeSide.heldPullCount() == 1);
        assertThat(parked).isNotDone();
        broker.put(0, null, "wakes the trimmed pull");
        assertThat(parked.get(5, TimeUnit.SECONDS).code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(tooLong.code()).isEqualTo(ResponseCode.SYSTEM_BUSY);
        assertThat(tooLong.remark()).contains("9", "pullHoldMaxHeaderBytes=8192");
    }
}
