package io.apogee.broker.stats;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The broker's message totals at the last two local midnights, as Apache's runtime info keys
 * {@code msgPutTotalYesterdayMorning}, {@code msgPutTotalTodayMorning} (and the same for Get): at each new local day
 * "today morning" becomes "yesterday morning" and the current total becomes "today morning". Both start at 0, so on
 * the broker's first day "today" is everything since start. {@code mqadmin clusterList -m} shows the differences.
 *
 * <p>Thread-safe: {@link #roll} runs on the one sampling thread; readers see volatile fields (a reader racing a
 * roll may pair an old and a new value for one second at midnight).
 */
final class DayTotals {

    private final Clock clock;
    private LocalDate day;
    private volatile long putYesterdayMorning;
    private volatile long putTodayMorning;
    private volatile long getYesterdayMorning;
    private volatile long getTodayMorning;

    DayTotals(Clock clock) {
        this.clock = clock;
        this.day = LocalDate.now(clock);
    }

    /** At the first call of a new local day, moves the mornings on; otherwise does nothing. */
    void roll(long putTotal, long getTotal) {
        LocalDate today = LocalDate.now(clock);
        if (today.equals(day)) {
            return;
        }
        day = today;
        putYesterdayMorning = putTodayMorning;
        getYesterdayMorning = getTodayMorning;
        putTodayMorning = putTotal;
        getTodayMorning = getTotal;
    }

    long putYesterdayMorning() {
        return putYesterdayMorning;
    }

    long putTodayMorning() {
        return putTodayMorning;
    }

    long getYesterdayMorning() {
        return getYesterdayMorning;
    }

    long getTodayMorning() {
        return getTodayMorning;
    }
}
