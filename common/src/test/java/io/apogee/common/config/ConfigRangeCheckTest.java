package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigRangeCheckTest {

    /** Keys without declared bounds, to show that only declared ranges are checked. */
    public static class UnboundedConfig {
        @ConfigKey(doc = "Any int.")
        public int anyInt = Integer.MIN_VALUE;

        @ConfigKey(doc = "Any text.")
        public String text = null;
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertThatCode(() -> ConfigBinder.checkRanges(new SampleConfig())).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectValueSetInCodeBelowItsMinimumNamingKeyAndValue() {
        SampleConfig config = new SampleConfig();
        config.mappedFileSizeCommitLog = 12;

        assertThatThrownBy(() -> ConfigBinder.checkRanges(config))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("mappedFileSizeCommitLog");
                    assertThat(e.value()).isEqualTo("12");
                })
                .hasMessageContaining("mappedFileSizeCommitLog=12")
                .hasMessageContaining("at least 1024");
    }

    @Test
    void shouldWordAViolationInCodeExactlyAsTheSameValueInAFile() {
        Properties file = new Properties();
        file.setProperty("listenPort", "70000");
        SampleConfig inCode = new SampleConfig();
        inCode.listenPort = 70000;

        Throwable fromFile = catchConfigException(() -> ConfigBinder.bind(file, new SampleConfig()));
        Throwable fromCode = catchConfigException(() -> ConfigBinder.checkRanges(inCode));

        assertThat(fromCode).hasMessage(fromFile.getMessage());
        assertThat(fromCode.getMessage()).isEqualTo("Invalid config value listenPort=70000: must be a whole number "
                + "between 0 and 65535");
    }

    @Test
    void shouldRejectDoubleOutsideItsRangeAndNotANumber() {
        SampleConfig config = new SampleConfig();
        config.ratio = 1.5;
        assertThatThrownBy(() -> ConfigBinder.checkRanges(config)).hasMessageContaining("ratio=1.5")
                .hasMessageContaining("between 0 and 1");

        config.ratio = Double.NaN;
        assertThatThrownBy(() -> ConfigBinder.checkRanges(config)).hasMessageContaining("ratio=NaN");
    }

    @Test
    void shouldRejectMissingEnumListingItsConstants() {
        SampleConfig config = new SampleConfig();
        config.flushDiskType = null;

        assertThatThrownBy(() -> ConfigBinder.checkRanges(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("flushDiskType")
                .hasMessageContaining("SYNC_FLUSH, ASYNC_FLUSH");
    }

    @Test
    void shouldReportEveryViolationOfEveryConfigAtOnce() {
        SampleConfig first = new SampleConfig();
        first.listenPort = -1;
        SampleConfig second = new SampleConfig();
        second.ratio = -0.5;

        assertThatThrownBy(() -> ConfigBinder.checkRanges(first, second))
                .hasMessageContaining("2 invalid config values")
                .hasMessageContaining("listenPort=-1")
                .hasMessageContaining("ratio=-0.5");
    }

    @Test
    void shouldLeaveKeysWithoutDeclaredRangeAlone() {
        assertThatCode(() -> ConfigBinder.checkRanges(new UnboundedConfig())).doesNotThrowAnyException();
    }

    @Test
    void shouldBeAnIllegalArgumentSoValidationMethodsKeepTheirContract() {
        SampleConfig config = new SampleConfig();
        config.listenPort = 65536;

        assertThatThrownBy(() -> ConfigBinder.checkRanges(config)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldListEveryAcceptedSpellingOfTheKeys() {
        assertThat(ConfigBinder.keys(new SampleConfig()))
                .contains("listenPort", "mappedFileSizeCommitLog", "mapedFileSizeCommitLog", "enablePropertyFilter")
                .doesNotContain("notAKey");
    }

    private static Throwable catchConfigException(Runnable action) {
        try {
            action.run();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }
}
