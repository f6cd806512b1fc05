package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** A linux release generated and unpacked with the real tar, so tests run its bin/istioctl as an operator would. */
record ExtractedRelease(Path root, Path istioctl) {

    static final String VERSION = "1.5.10-asm.2";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ExtractedRelease create(Path directory) throws IOException, InterruptedException {
        SimRelease release = new ReleaseGenerator(Clock.fixed(Instant.parse("2020-10-01T00:00:00Z"), ZoneOffset.UTC),
                ReleaseSigningKey.generate())
                .generate(MeshVersion.parse(VERSION), directory.resolve("download"), EnumSet.of(Platform.LINUX));
        ProcessRun extract = ProcessRun.run(
                List.of("tar", "xzf", release.artifact(Platform.LINUX).archive().toString()), directory);
        assertThat(extract.exitCode()).as(extract.toString()).isZero();
        Path root = directory.resolve("istio-" + VERSION);
        return new ExtractedRelease(root, root.resolve("bin/istioctl"));
    }

    /** Runs bin/istioctl with the given arguments in {@code workingDirectory}. */
    ProcessRun istioctl(Path workingDirectory, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(istioctl.toString());
        command.addAll(List.of(arguments));
        return ProcessRun.run(command, workingDirectory, environment, null);
    }

    /** The IstioOperator a --dry-run printed after its "# IstioOperator:" line. */
    static JsonNode dryRunOperator(String stdout) throws IOException {
        int marker = stdout.indexOf("# IstioOperator:\n");
        assertThat(marker).as(stdout).isNotNegative();
        return YAML.readTree(stdout.substring(marker + "# IstioOperator:\n".length()));
    }

    static JsonNode yaml(String text) throws IOException {
        return YAML.readTree(text);
    }
}
