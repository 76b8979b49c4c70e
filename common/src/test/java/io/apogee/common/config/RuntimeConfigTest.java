package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {

    @TempDir
    Path dir;

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void shouldListEveryKeyWithItsEffectiveValue() {
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(null, Set.of(), () -> { }, config);

        assertThat(runtime.text()).contains("listenPort=10911\n", "flushDiskType=ASYNC_FLUSH\n",
                "storeCheckpoint=/tmp/checkpoint\n").doesNotContain("notAKey");
    }

    @Test
    void shouldApplyValidKeysAndRewriteOnlyTheirLinesOfTheFile() throws IOException {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "# my broker\nlistenPort=10911\nmapedFileSizeCommitLog=4096\n\ndeleteWhen=04\n");
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(file, Set.of("listenPort"), () -> { }, config);

        ConfigUpdate update = runtime.update(props("mapedFileSizeCommitLog", "8192", "autoCreateTopicEnable", "false",
                "storeCheckpoint", "C:\\data\\cp"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.APPLIED);
        assertThat(update.keys()).containsExactlyInAnyOrder("mappedFileSizeCommitLog", "autoCreateTopicEnable",
                "storeCheckpoint");
        assertThat(config.mappedFileSizeCommitLog).isEqualTo(8192);
        assertThat(config.autoCreateTopicEnable).isFalse();
        assertThat(runtime.versionCounter()).isEqualTo(1);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines()).containsExactly("# my broker", "listenPort=10911", "mappedFileSizeCommitLog=8192", "",
                "deleteWhen=04", "autoCreateTopicEnable=false", "storeCheckpoint=C:\\\\data\\\\cp");
        SampleConfig reloaded = new SampleConfig();
        ConfigBinder.bind(file, reloaded);
        assertThat(reloaded.storeCheckpoint).isEqualTo("C:\\data\\cp");
    }

    @Test
    void shouldRejectAnUnknownKeyNamingTheNearestAndChangeNothing() throws IOException {
        Path file = dir.resolve("broker.conf");
        Files.writeString(file, "listenPort=10911\n");
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(file, Set.of(), () -> { }, config);

        ConfigUpdate update = runtime.update(props("autoCreateTopicEnabel", "false", "ratio", "0.9"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.INVALID);
        assertThat(update.message()).contains("unknown config key 'autoCreateTopicEnabel'",
                "did you mean 'autoCreateTopicEnable'?");
        assertThat(config.ratio).isEqualTo(0.5);
        assertThat(Files.readString(file)).isEqualTo("listenPort=10911\n");
        assertThat(runtime.versionCounter()).isZero();
    }

    @Test
    void shouldRejectABadValueNamingKeyValueAndRule() {
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(null, Set.of(), () -> { }, config);

        ConfigUpdate update = runtime.update(props("ratio", "2", "deleteWhen", "05"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.INVALID);
        assertThat(update.message()).contains("Invalid config value ratio=2: must be a number between 0");
        assertThat(config.deleteWhen).isEqualTo("04");
    }

    @Test
    void shouldRefuseFixedKeysNamingThem() {
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(null, Set.of("listenPort"), () -> { }, config);

        ConfigUpdate update = runtime.update(props("listenPort", "10000", "deleteWhen", "05"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.FIXED);
        assertThat(update.message()).contains("listenPort cannot change while the server runs");
        assertThat(config.deleteWhen).isEqualTo("04");
        assertThat(config.listenPort).isEqualTo(10911);
    }

    @Test
    void shouldRestoreOldValuesWhenTheCheckAcrossKeysFails() {
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(null, Set.of(), () -> {
            if (config.ratio > 0.8 && config.autoCreateTopicEnable) {
                throw ConfigException.invalidValue("ratio", String.valueOf(config.ratio), "too high with auto-create");
            }
        }, config);

        ConfigUpdate update = runtime.update(props("ratio", "0.9", "deleteWhen", "05"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.INVALID);
        assertThat(update.message()).contains("too high with auto-create");
        assertThat(config.ratio).isEqualTo(0.5);
        assertThat(config.deleteWhen).isEqualTo("04");
    }

    @Test
    void shouldRestoreOldValuesWhenTheFileCannotBeWritten() throws IOException {
        Path notADir = dir.resolve("plain");
        Files.writeString(notADir, "x");
        SampleConfig config = new SampleConfig();
        RuntimeConfig runtime = new RuntimeConfig(notADir.resolve("broker.conf"), Set.of(), () -> { }, config);

        ConfigUpdate update = runtime.update(props("deleteWhen", "05"));

        assertThat(update.status()).isEqualTo(ConfigUpdate.Status.NOT_SAVED);
        assertThat(update.message()).contains("cannot rewrite config file");
        assertThat(config.deleteWhen).isEqualTo("04");
    }
}
