package io.apogee.broker.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrokerStatsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        private long millis;

        HandClock(Instant start) {
            millis = start.toEpochMilli();
        }

        void advanceSeconds(long seconds) {
            millis += seconds * 1000;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            // a view in another zone that follows this clock's hand
            Clock hand = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return hand.withZone(other);
                }

                @Override
                public Instant instant() {
                    return hand.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final HandClock clock = new HandClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final BrokerStats stats = new BrokerStats(clock, "ClusterX");

    /** Advances the clock one second at a time, ticking as the sampling thread does. */
    private void runSeconds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advanceSeconds(1);
            stats.tick();
        }
    }

    @Test
    void shouldCountEveryStoredMessageAndByteExactlyPerTopicAndBrokerWide() {
        for (int i = 0; i < 7; i++) {
            stats.recordPut("Orders", 1, 100);
        }
        stats.recordPut("Orders", 3, 330);
        stats.recordPut("Payments", 2, 40);

        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, "Orders")).get().extracting(StatsItem::value)
                .isEqualTo(10L);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_SIZE, "Orders")).get().extracting(StatsItem::value)
                .isEqualTo(1030L);
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "ClusterX")).get().extracting(StatsItem::value)
                .isEqualTo(12L);
        assertThat(stats.totals().putNow()).isEqualTo(12);
        assertThat(stats.totals().storedMessages()).isEqualTo(12);
    }

    @Test
    void shouldCountDeliveredMessagesPerGroupAndTopicAndRememberThePullOffset() {
        stats.recordGet("Billing", "Orders", 2, 5, 500, 5);
        stats.recordGet("Billing", "Orders", 2, 3, 300, 8);
        stats.recordGet("Audit", "Orders", 0, 1, 100, 1);
        stats.recordMiss();

        assertThat(stats.find(BrokerStats.GROUP_GET_NUMS, "Orders@Billing")).get().extracting(StatsItem::value)
                .isEqualTo(8L);
        assertThat(stats.find(BrokerStats.GROUP_GET_SIZE, "Orders@Billing")).get().extracting(StatsItem::value)
                .isEqualTo(800L);
        assertThat(stats.find(BrokerStats.GROUP_GET_NUMS, "Orders@Audit")).get().extracting(StatsItem::value)
                .isEqualTo(1L);
        assertThat(stats.find(BrokerStats.BROKER_GET_NUMS, "ClusterX")).get().extracting(StatsItem::value)
                .isEqualTo(9L);
        assertThat(stats.pullOffset("Billing", "Orders", 2)).isEqualTo(8);
        assertThat(stats.pullOffset("Billing", "Orders", 1)).isEqualTo(-1);
        assertThat(stats.pullOffset("Nobody", "Orders", 2)).isEqualTo(-1);
        assertThat(stats.totals().getNow()).isEqualTo(9);
    }

    @Test
    void shouldLeaveSystemTopicsOutOfTheBrokerTotalsOnly() {
        stats.recordPut("SCHEDULE_TOPIC_XXXX", 4, 400);
        stats.recordPut("rmq_sys_wheel_timer", 1, 100);
        stats.recordPut("%RETRY%Billing", 2, 200);

        assertThat(stats.totals().putNow()).isEqualTo(2);
        assertThat(stats.totals().storedMessages()).isEqualTo(7);
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, "SCHEDULE_TOPIC_XXXX")).get()
                .extracting(StatsItem::value).isEqualTo(4L);
    }

    @Test
    void shouldForgetADeletedTopicButKeepTheBrokerTotals() {
        stats.recordPut("Orders", 3, 300);
        stats.recordGet("Billing", "Orders", 0, 2, 200, 2);

        stats.forgetTopic("Orders");

        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, "Orders")).isEmpty();
        assertThat(stats.find(BrokerStats.GROUP_GET_NUMS, "Orders@Billing")).isEmpty();
        assertThat(stats.pullOffset("Billing", "Orders", 0)).isEqualTo(-1);
        assertThat(stats.totals().putNow()).isEqualTo(3);
    }

    @Test
    void shouldFindNothingForUnknownNamesAndKeys() {
        stats.recordPut("Orders", 1, 10);

        assertThat(stats.find("TOPIC_PUT_LATENCY", "Orders")).isEmpty();
        assertThat(stats.find(BrokerStats.TOPIC_PUT_NUMS, "Unknown")).isEmpty();
        assertThat(stats.find(BrokerStats.GROUP_GET_NUMS, "no-at-sign")).isEmpty();
        assertThat(stats.find(BrokerStats.BROKER_PUT_NUMS, "OtherCluster")).isEmpty();
    }

    @Test
    void shouldMeasurePutRatesOverTenSecondsOneMinuteAndTenMinutes() {
        runSeconds(600);
        for (int s = 0; s < 60; s++) {
            stats.recordPut("Orders", 10, 1000);
            runSeconds(1);
        }

        String[] putTps = stats.totals().putTps().split(" ");
        assertThat(putTps).hasSize(3);
        assertThat(Double.parseDouble(putTps[0])).isCloseTo(10.0, within(0.01));
        assertThat(Double.parseDouble(putTps[1])).isCloseTo(10.0, within(0.01));
        assertThat(Double.parseDouble(putTps[2])).isCloseTo(1.0, within(0.01));
        assertThat(stats.topicPutTps("Orders")).isCloseTo(10.0, within(0.01));
    }

    @Test
    void shouldSplitGetRatesIntoFoundMissTotalAndTransferred() {
        runSeconds(10);
        for (int s = 0; s < 10; s++) {
            stats.recordGet("Billing", "Orders", 0, 4, 400, s * 4L + 4);
            stats.recordMiss();
            stats.recordMiss();
            runSeconds(1);
        }

        BrokerStats.Totals totals = stats.totals();
        assertThat(first(totals.getFoundTps())).isCloseTo(1.0, within(0.01));
        assertThat(first(totals.getMissTps())).isCloseTo(2.0, within(0.01));
        assertThat(first(totals.getTotalTps())).isCloseTo(3.0, within(0.01));
        assertThat(first(totals.getTransferredTps())).isCloseTo(4.0, within(0.01));
        assertThat(stats.groupGetTps("Billing", "Orders")).isCloseTo(4.0, within(0.01));
    }

    @Test
    void shouldKeepOnlyTheLastMinuteInTheMinuteWindowButTheWholeHourInTheHourWindow() {
        stats.recordPut("Orders", 30, 3000);
        runSeconds(120);
        stats.recordPut("Orders", 6, 600);
        stats.recordPut("Orders", 6, 600);

        StatsItem orders = stats.find(BrokerStats.TOPIC_PUT_NUMS, "Orders").orElseThrow();
        StatsSnapshot minute = orders.snapshot(StatsItem.Window.MINUTE, clock.millis());
        StatsSnapshot hour = orders.snapshot(StatsItem.Window.HOUR, clock.millis());
        assertThat(minute.sum()).isEqualTo(12);
        assertThat(minute.avgpt()).isEqualTo(6.0);
        assertThat(minute.tps()).isCloseTo(12 / 60.0, within(0.001));
        assertThat(hour.sum()).isEqualTo(42);
        assertThat(hour.avgpt()).isEqualTo(14.0);
    }

    @Test
    void shouldRollTheDayTotalsAtLocalMidnight() {
        HandClock lateClock = new HandClock(Instant.parse("2026-03-01T23:59:58Z"));
        BrokerStats day = new BrokerStats(lateClock, "ClusterX");
        day.recordPut("Orders", 10, 1000);
        day.recordGet("Billing", "Orders", 0, 4, 400, 4);
        lateClock.advanceSeconds(1);
        day.tick();
        assertThat(day.totals().putTodayMorning()).isZero();

        lateClock.advanceSeconds(2);
        day.tick();
        day.recordPut("Orders", 5, 500);
        BrokerStats.Totals firstMorning = day.totals();
        assertThat(firstMorning.putYesterdayMorning()).isZero();
        assertThat(firstMorning.putTodayMorning()).isEqualTo(10);
        assertThat(firstMorning.getTodayMorning()).isEqualTo(4);
        assertThat(firstMorning.putNow()).isEqualTo(15);

        lateClock.advanceSeconds(24 * 3600);
        day.tick();
        BrokerStats.Totals secondMorning = day.totals();
        assertThat(secondMorning.putYesterdayMorning()).isEqualTo(10);
        assertThat(secondMorning.putTodayMorning()).isEqualTo(15);
        assertThat(secondMorning.getYesterdayMorning()).isEqualTo(4);
        assertThat(secondMorning.getTodayMorning()).isEqualTo(4);
    }

    private static double first(String rates) {
        return Double.parseDouble(rates.split(" ")[0]);
    }
}
