package io.apogee.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsupportedCodeLogTest {

    private final UnsupportedCodeLog log = new UnsupportedCodeLog();

    @Test
    void shouldLogEachCodeOncePerClientHost() {
        assertThat(log.record("10.0.0.1", RemotingCommand.request(208))).isTrue();
        assertThat(log.record("10.0.0.1", RemotingCommand.request(208))).isFalse();
        assertThat(log.record("10.0.0.1", RemotingCommand.request(203))).isTrue();
        assertThat(log.record("10.0.0.2", RemotingCommand.request(208))).isTrue();
    }

    @Test
    void shouldTreatConnectionsFromOneHostAsOneClient() {
        assertThat(RequestDispatcher.hostOf("10.0.0.1:53211")).isEqualTo("10.0.0.1");
        assertThat(RequestDispatcher.hostOf("[::1]:53211")).isEqualTo("[::1]");
        assertThat(RequestDispatcher.hostOf("unknown")).isEqualTo("unknown");
    }

    @Test
    void shouldStopLoggingNewPairsPastTheCap() {
        for (int i = 0; i < UnsupportedCodeLog.MAX_PAIRS; i++) {
            assertThat(log.record("host-" + i, RemotingCommand.request(999))).isTrue();
        }
        assertThat(log.record("one-more", RemotingCommand.request(999))).isFalse();
        assertThat(log.record("one-more", RemotingCommand.request(1000))).isFalse();
    }
}
