package io.apogee.store;

import io.apogee.common.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageStoreConfigTest {

    @Test
    void shouldDerivePathsFromTheRoot() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.storePathRootDir = "/data/s";
        c.storePathCommitLog = "/fast/cl";

        assertThat(c.commitLogDir()).isEqualTo(Path.of("/fast/cl"));
        assertThat(c.consumeQueueDir()).isEqualTo(Path.of("/data/s/consumequeue"));
        assertThat(c.checkpointPath()).isEqualTo(Path.of("/data/s/checkpoint"));
        assertThat(c.abortPath()).isEqualTo(Path.of("/data/s/abort"));
        assertThat(c.configDir()).isEqualTo(Path.of("/data/s/config"));
        assertThat(c.lockPath()).isEqualTo(Path.of("/data/s/lock"));
    }

    @Test
    void shouldRejectImpossibleValuesNamingKeyAndValue() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.syncFlushTimeout = -1;

        assertThatThrownBy(c::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syncFlushTimeout=-1");
    }

    @Test
    void shouldImplementTheCleanupAndDiskKeys() throws Exception {
        for (String key : new String[] {"deleteWhen", "fileReservedTime", "diskMaxUsedSpaceRatio",
                "diskSpaceWarningLevelRatio", "cleanResourceInterval", "deleteFileBatchMax",
                "cleanFileForciblyEnable"}) {
            assertThat(MessageStoreConfig.class.getField(key).getAnnotation(ConfigKey.class).implemented())
                    .as(key).isTrue();
        }
        MessageStoreConfig c = new MessageStoreConfig();
        assertThat(c.cleanResourceInterval).isEqualTo(10_000);
        assertThat(c.diskSpaceWarningLevelRatio).isEqualTo(90);
    }

    @Test
    void shouldRejectDeleteHoursOutsideTheDay() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.deleteWhen = "04;24";

        assertThatThrownBy(c::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deleteWhen=04;24");
        c.deleteWhen = "4;16;23";
        c.validate();
    }

    @Test
    void shouldRoundConsumeQueueFilesToWholeUnits() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.mapedFileSizeConsumeQueue = 215;

        assertThat(c.consumeQueueFileSize()).isEqualTo(200);
    }

    @Test
    void shouldAnnotateEveryPublicField() {
        assertThat(Arrays.stream(MessageStoreConfig.class.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())))
                .allMatch(f -> f.isAnnotationPresent(ConfigKey.class));
        assertThat(Arrays.stream(MessageStoreConfig.class.getFields()).map(Field::getName))
                .contains("mapedFileSizeCommitLog", "flushDiskType", "deleteWhen");
    }
}
