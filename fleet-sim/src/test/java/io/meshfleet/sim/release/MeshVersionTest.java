package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Version parsing and the profile shape each version gets. */
class MeshVersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.5.10-asm.2, 1, 5, 10, WITH_ADDONS",
        "1.6.14-asm.1, 1, 6, 14, WITH_ADDONS",
        "1.4.0,        1, 4, 0,  WITH_ADDONS",
        "1.7.3-asm.6,  1, 7, 3,  LATER",
        "1.8.6-asm.3,  1, 8, 6,  LATER",
        "2.0.0,        2, 0, 0,  LATER",
    })
    void parsesAndPicksTheProfileShape(String value, int major, int minor, int patch, ProfileShape shape) {
        MeshVersion version = MeshVersion.parse(value);

        assertThat(version.major()).isEqualTo(major);
        assertThat(version.minor()).isEqualTo(minor);
        assertThat(version.patch()).isEqualTo(patch);
        assertThat(version.profileShape()).isEqualTo(shape);
        assertThat(version).hasToString(value);
        assertThat(Platform.LINUX.archiveName(version)).isEqualTo("istio-" + value + "-linux.tar.gz");
        assertThat(Platform.WIN.archiveName(version)).isEqualTo("istio-" + value + "-win.zip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5", "v1.5.10", "1.5.10-", "1.5.10-asm..2", "1.5.10 -asm.2", "1.5.10-asm/2", "1.5.10-'x'"})
    void rejectsWhatIsNotAVersion(String value) {
        assertThatThrownBy(() -> MeshVersion.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"linux, LINUX", "osx, OSX", "win, WIN"})
    void platformsByTheirUpstreamNames(String id, Platform platform) {
        assertThat(Platform.fromId(id)).isEqualTo(platform);
        assertThat(platform.id()).isEqualTo(id);
    }
}
