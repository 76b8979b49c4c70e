package io.apogee.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    /** Keys whose docs and defaults need care when rendered. */
    public static class AwkwardConfig {
        @ConfigKey(doc = "Addresses 'a|b'; empty means <root>/x.\nSecond line.")
        public String addresses = "";

        @ConfigKey(doc = "A directory under the home directory.")
        public String home = System.getProperty("user.home") + "/apogee/store";

        @ConfigKey(doc = "Any number.")
        public long anyNumber = 5;
    }

    @Test
    void shouldRenderOneRowPerKeyWithTypeDefaultRangeMeaningStatusAndAliases() {
        String table = ConfigReference.table(new SampleConfig());

        assertThat(table).startsWith("| Key | Type | Default | Legal values | Meaning | Implemented | Aliases |\n"
                + "|---|---|---|---|---|---|---|\n");
        assertThat(table).contains("| `listenPort` | int | `10911` | between 0 and 65535 | A port. | yes |  |\n",
                "| `mappedFileSizeCommitLog` | long | `1073741824` | at least 1024 | A size in bytes. | yes "
                        + "| `mapedFileSizeCommitLog` |\n",
                "| `autoCreateTopicEnable` | boolean | `true` | true or false | A switch. | yes |  |\n",
                "| `ratio` | double | `0.5` | between 0 and 1 |",
                "| `storeCheckpoint` | string | `/tmp/checkpoint` | text |");
    }

    @Test
    void shouldListTheConstantsOfAnEnumAsItsType() {
        assertThat(ConfigReference.table(new SampleConfig()))
                .contains("| `flushDiskType` | enum: SYNC_FLUSH, ASYNC_FLUSH | `ASYNC_FLUSH` |");
    }

    @Test
    void shouldMarkKeysThatAreAcceptedButNotUsedYet() {
        assertThat(ConfigReference.table(new SampleConfig()))
                .contains("| `enablePropertyFilter` | boolean | `false` | true or false | Accepted but unused. "
                        + "| accepted, not used yet |  |");
    }

    @Test
    void shouldListKeysInDeclarationOrderAndSkipPlainFields() {
        String table = ConfigReference.table(new SampleConfig());

        assertThat(table).doesNotContain("notAKey");
        assertThat(table.indexOf("`listenPort`")).isLessThan(table.indexOf("`ratio`"));
        assertThat(table.lines()).hasSize(2 + 8);
    }

    @Test
    void shouldKeepMarkdownCellsIntact() {
        String table = ConfigReference.table(new AwkwardConfig());

        assertThat(table).contains("| `addresses` | string | *(empty)* | text | Addresses 'a\\|b'; empty means "
                + "\\<root>/x. Second line. | yes |  |");
        assertThat(table.lines()).hasSize(2 + 3);
    }

    @Test
    void shouldWriteDefaultsUnderTheHomeDirectoryTheSameOnEveryMachine() {
        assertThat(ConfigReference.table(new AwkwardConfig())).contains("| `home` | string | `~/apogee/store` |")
                .doesNotContain(System.getProperty("user.home") + "/");
    }

    @Test
    void shouldCallANumberWithoutDeclaredBoundsAny() {
        assertThat(ConfigReference.table(new AwkwardConfig())).contains("| `anyNumber` | long | `5` | any |");
    }

    @Test
    void shouldRenderTheDefaultsOfTheObjectsItIsGiven() {
        SampleConfig changed = new SampleConfig();
        changed.listenPort = 1;

        assertThat(ConfigReference.table(changed)).contains("| `listenPort` | int | `1` |");
    }

    @Test
    void shouldRenderASectionWithHeadingIntroAndOneTablePerConfigObject() {
        String section = ConfigReference.section("Broker keys", "Read by the broker.\n", new SampleConfig(),
                new AwkwardConfig());

        assertThat(section).startsWith("## Broker keys\n\nRead by the broker.\n\n### SampleConfig\n\n| Key |")
                .contains("|\n\n### AwkwardConfig\n\n| Key |")
                .endsWith("|\n\n");
    }

    @Test
    void shouldOmitABlankIntro() {
        assertThat(ConfigReference.section("Keys", " ", new SampleConfig()))
                .startsWith("## Keys\n\n### SampleConfig\n\n");
    }
}
