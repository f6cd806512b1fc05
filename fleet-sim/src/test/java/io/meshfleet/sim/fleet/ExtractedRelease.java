package io.meshfleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.sim.release.MeshVersion;
import io.meshfleet.sim.release.Platform;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.release.ReleaseSigningKey;
import io.meshfleet.sim.release.SimRelease;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A generated linux release unpacked with the real tar, so a test runs its bin/istioctl as an operator would. */
record ExtractedRelease(Path root, Path istioctl) {

    static ExtractedRelease create(Cli cli, String version, Path directory) throws Exception {
        SimRelease release = new ReleaseGenerator(Clock.systemUTC(), ReleaseSigningKey.generate())
                .generate(MeshVersion.parse(version), directory.resolve("download"), EnumSet.of(Platform.LINUX));
        Cli.Result tar = cli.run(List.of("tar", "xzf", release.artifact(Platform.LINUX).archive().toString(), "-C",
                directory.toString()), Map.of());
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        Path root = directory.resolve("istio-" + version);
        return new ExtractedRelease(root, root.resolve("bin/istioctl"));
    }
}
