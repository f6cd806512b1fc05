package io.meshfleet.agent;

import io.meshfleet.agent.kube.ArtifactServer;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.release.MeshVersion;
import io.meshfleet.sim.release.Platform;
import io.meshfleet.sim.release.ReleaseArtifact;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.release.ReleaseSigningKey;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

/**
 * Gives the agent under test its clusters (fleet-sim's edge-a and edge-b, {@code it-fleet.yaml}) through a
 * kubeconfig, and an artifact-service stand-in (a real HTTP server) holding a generated 1.5.10-asm.2 release.
 */
public class FleetSimTestResource implements QuarkusTestResourceLifecycleManager {

    /** The release the stand-in serves. */
    public static final String RELEASE = "1.5.10-asm.2";

    private static volatile FleetSim fleet;
    private static volatile ReleaseArtifact release;
    private ArtifactServer artifacts;

    /** The running fleet. */
    public static FleetSim fleet() {
        return fleet;
    }

    /** The served release's linux archive. */
    public static ReleaseArtifact release() {
        return release;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("meshfleet-agent-it");
            try (InputStream in = FleetSimTestResource.class.getResourceAsStream("it-fleet.yaml")) {
                fleet = FleetSim.start(ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "it-fleet.yaml"), dir.resolve("fleet"));
            }
            release = new ReleaseGenerator(Clock.systemUTC(), ReleaseSigningKey.generate())
                    .generate(MeshVersion.parse(RELEASE), dir.resolve("bucket"), EnumSet.of(Platform.LINUX))
                    .artifact(Platform.LINUX);
            artifacts = new ArtifactServer().serve(release.sha256(), release.archive());
            return Map.of("meshfleet.agent.kubeconfig", fleet.kubeconfig().toString(),
                    "meshfleet.agent.artifact-url", artifacts.url().toString(),
                    "meshfleet.agent.work-dir", dir.resolve("agent").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (artifacts != null) {
            artifacts.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }
}
