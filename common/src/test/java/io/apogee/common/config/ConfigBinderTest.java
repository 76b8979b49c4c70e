package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBinderTest {

    @TempDir
    Path dir;

    private static Properties props(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @Test
    void shouldBindEveryKindOfValue() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props("""
                listenPort=11011
                mappedFileSizeCommitLog=2048
                autoCreateTopicEnable=FALSE
                ratio=0.25
                storeCheckpoint=/data/cp
                flushDiskType=SYNC_FLUSH
                """), config);
        assertThat(config.listenPort).isEqualTo(11011);
        assertThat(config.mappedFileSizeCommitLog).isEqualTo(2048);
        assertThat(config.autoCreateTopicEnable).isFalse();
        assertThat(config.ratio).isEqualTo(0.25);
        assertThat(config.storeCheckpoint).isEqualTo("/data/cp");
        assertThat(config.flushDiskType).isEqualTo(SampleConfig.FlushDiskType.SYNC_FLUSH);
        assertThat(report.clean()).isTrue();
        assertThat(report.applied()).contains("listenPort", "flushDiskType");
    }

    @Test
    void shouldTrimValuesAndKeys() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigBinder.bind(props("listenPort = 12000   \nstoreCheckpoint=  /x/y  \n"), config);
        assertThat(config.listenPort).isEqualTo(12000);
        assertThat(config.storeCheckpoint).isEqualTo("/x/y");
    }

    @Test
    void shouldMatchEnumsInAnyCase() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigBinder.bind(props("flushDiskType=SYNC_fLUSH"), config);
        assertThat(config.flushDiskType).isEqualTo(SampleConfig.FlushDiskType.SYNC_FLUSH);
    }

    @Test
    void shouldRejectUnknownEnumConstantListingTheLegalOnes() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("flushDiskType=FAST_FLUSH"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flushDiskType")
                .hasMessageContaining("FAST_FLUSH")
                .hasMessageContaining("SYNC_FLUSH, ASYNC_FLUSH");
    }

    @Test
    void shouldRejectOutOfRangeNumberNamingKeyValueAndRange() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("listenPort=70000"), new SampleConfig()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("listenPort");
                    assertThat(e.value()).isEqualTo("70000");
                })
                .hasMessageContaining("listenPort=70000")
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void shouldRejectValueBelowMinimum() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("mappedFileSizeCommitLog=12"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 1024");
    }

    @Test
    void shouldRejectUnparsableNumber() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("listenPort=ten"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listenPort=ten")
                .hasMessageContaining("whole number");
    }

    @Test
    void shouldRejectIntThatOverflowsEvenWithoutDeclaredMaximum() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("listenPort=99999999999"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("99999999999");
    }

    @Test
    void shouldRejectBooleanThatIsNotTrueOrFalse() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("autoCreateTopicEnable=yes"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("autoCreateTopicEnable=yes")
                .hasMessageContaining("true or false");
    }

    @Test
    void shouldRejectDoubleOutsideRange() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("ratio=1.5"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void shouldReportEveryInvalidValueAtOnce() {
        assertThatThrownBy(() -> ConfigBinder.bind(props("listenPort=-1\nratio=abc"), new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 invalid config values")
                .hasMessageContaining("listenPort")
                .hasMessageContaining("ratio");
    }

    @Test
    void shouldWarnAboutTransposedLettersSuggestingNearestKey() throws IOException {
        ConfigReport report = ConfigBinder.bind(props("stroeCheckpoint=/a"), new SampleConfig());
        assertThat(report.warnings()).singleElement().asString()
                .contains("'stroeCheckpoint'")
                .contains("did you mean 'storeCheckpoint'");
    }

    @Test
    void shouldWarnAboutWrongCaseSuggestingProperKey() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props("deletewhen=05"), config);
        assertThat(report.warnings()).singleElement().asString().contains("did you mean 'deleteWhen'");
        assertThat(config.deleteWhen).isEqualTo("04");
    }

    @Test
    void shouldWarnWithoutSuggestionWhenNothingIsClose() throws IOException {
        ConfigReport report = ConfigBinder.bind(props("totallyDifferentThing=1"), new SampleConfig());
        assertThat(report.warnings()).singleElement().asString()
                .contains("'totallyDifferentThing'")
                .doesNotContain("did you mean");
    }

    @Test
    void shouldIgnoreFieldsWithoutAnnotation() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props("notAKey=changed"), config);
        assertThat(config.notAKey).isEqualTo("plain field");
        assertThat(report.warnings()).hasSize(1);
    }

    @Test
    void shouldAcceptAliasForCanonicalKey() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props("mapedFileSizeCommitLog=4096"), config);
        assertThat(config.mappedFileSizeCommitLog).isEqualTo(4096);
        assertThat(report.applied()).containsExactly("mappedFileSizeCommitLog");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void shouldPreferCanonicalKeyOverAlias() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(
                props("mapedFileSizeCommitLog=4096\nmappedFileSizeCommitLog=8192"), config);
        assertThat(config.mappedFileSizeCommitLog).isEqualTo(8192);
        assertThat(report.warnings()).singleElement().asString().contains("mapedFileSizeCommitLog");
    }

    @Test
    void shouldReportNotImplementedKeyThatIsSet() throws IOException {
        SampleConfig config = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props("enablePropertyFilter = true"), config);
        assertThat(config.enablePropertyFilter).isTrue();
        assertThat(report.notImplemented()).singleElement().asString()
                .contains("enablePropertyFilter")
                .contains("not used");
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void shouldBindSameKeyOntoEveryConfigDeclaringIt() throws IOException {
        SampleConfig first = new SampleConfig();
        SampleConfig second = new SampleConfig();
        ConfigBinder.bind(props("listenPort=1"), first, second);
        assertThat(first.listenPort).isEqualTo(1);
        assertThat(second.listenPort).isEqualTo(1);
    }

    @Test
    void shouldLoadFileWithCommentsAndNameFileInErrors() throws IOException {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# comment\nlistenPort=10000\n\n#listenPort=1\n", StandardCharsets.UTF_8);
        SampleConfig config = new SampleConfig();
        ConfigBinder.bind(file, config);
        assertThat(config.listenPort).isEqualTo(10000);

        Files.writeString(file, "listenPort=abc\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigBinder.bind(file, new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.conf")
                .hasMessageContaining("listenPort");
    }

    @Test
    void shouldNameMissingFile() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> ConfigBinder.bind(missing, new SampleConfig()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.conf");
    }

    @Test
    void shouldDescribeEveryKeyWithEffectiveValueAsLoadableProperties() throws IOException {
        SampleConfig config = new SampleConfig();
        config.listenPort = 12345;
        String text = ConfigBinder.describe(config);
        assertThat(text).contains("# SampleConfig", "listenPort=12345", "flushDiskType=ASYNC_FLUSH",
                "enablePropertyFilter=false").doesNotContain("notAKey");

        SampleConfig copy = new SampleConfig();
        ConfigReport report = ConfigBinder.bind(props(text), copy);
        assertThat(copy.listenPort).isEqualTo(12345);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void shouldComputeCaseInsensitiveEditDistance() {
        assertThat(EditDistance.between("deletewhen", "deleteWhen")).isZero();
        assertThat(EditDistance.between("stroeCheckpoint", "storeCheckpoint")).isEqualTo(2);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }
}
