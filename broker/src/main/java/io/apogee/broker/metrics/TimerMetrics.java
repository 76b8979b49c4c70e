package io.apogee.broker.metrics;

import io.apogee.broker.timer.TimerService;
import io.apogee.common.metrics.MetricsSource;
import io.apogee.common.metrics.Scrape;

/**
 * The timer wheel ({@link TimerService}), an Apogee addition with no Apache name: {@code apogee_timer_delivered_total}
 * (timer messages stored in their real topic since start), {@code apogee_timer_recalled_total} (not delivered because
 * recalled), {@code apogee_timer_rolled_total} (stored again for a later turn of the wheel) and
 * {@code apogee_timer_lag_seconds} (how far the oldest second not fully delivered lies behind now: about 0 when the
 * wheel keeps up). Nothing when the wheel is off or does not turn (a slave).
 *
 * <p>Thread-safe: reads the service's counters, which it publishes for other threads.
 */
final class TimerMetrics implements MetricsSource {

    private final TimerService timers;

    TimerMetrics(TimerService timers) {
        this.timers = timers;
    }

    @Override
    public void collect(Scrape scrape) {
        if (timers == null || timers.turns() == 0) {
            return;
        }
        scrape.counter("apogee_timer_delivered", "Timer messages stored in their real topic at their time.",
                timers.delivered());
        scrape.counter("apogee_timer_recalled", "Timer messages not delivered because they were recalled.",
                timers.recalled());
        scrape.counter("apogee_timer_rolled", "Timer messages stored again for a later turn of the timer wheel.",
                timers.rolled());
        long lagMillis = System.currentTimeMillis() - (timers.cursorSecond() + 1) * 1000;
        scrape.gauge("apogee_timer_lag_seconds", "How far the timer wheel's delivery lies behind the clock.",
                Math.max(0, lagMillis) / 1000.0);
    }
}
