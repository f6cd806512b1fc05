package io.meshfleet.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.Installer;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.orchestrator.plan.WavePlanner.Exclusion;
import io.meshfleet.orchestrator.plan.WavePlanner.ExclusionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Duration STALE = Duration.ofMinutes(10);

    static ClusterFacts cluster(String id, boolean admin, String version, Instant seen, String env, int pods) {
        return new ClusterFacts(id, admin, Map.of("env", env), version, version, 1, 1, pods, pods,
                Map.of(version, pods), seen);
    }

    static PlanSpec spec(String from, WaveSpec... waves) {
        return new PlanSpec("p", "1.5.10-asm.2", from, "asm-multicloud", "linux", Installer.ISTIOCTL,
                new ClusterSelector(Map.of("env", "prod"), List.of()), List.of(waves), SidecarLimits.DEFAULT,
                List.of(), FailurePolicy.HALT, StepDeadlines.DEFAULT);
    }

    @Test
    void excludesWhatMustNotBeTouchedAndSaysWhy() {
        List<ClusterFacts> inventory = List.of(
                cluster("admin-1", true, "1.6.14-asm.1", NOW, "prod", 0),
                cluster("gone", false, "1.6.14-asm.1", NOW.minus(Duration.ofHours(1)), "prod", 10),
                cluster("done", false, "1.5.10-asm.2", NOW, "prod", 10),
                cluster("odd", false, "1.4.0", NOW, "prod", 10),
                cluster("dev-1", false, "1.6.14-asm.1", NOW, "dev", 10),
                cluster("edge-a", false, "1.6.14-asm.1", NOW, "prod", 10));
        WavePlanner.Preview preview = WavePlanner.preview(spec("1.6.14-asm.1",
                        new WaveSpec(List.of(), 1, 0, 1, 0, Duration.ZERO, false)), inventory, NOW, STALE,
                ArtifactStatus.UNKNOWN);
        assertThat(preview.excluded()).extracting(Exclusion::clusterId, Exclusion::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("admin-1", ExclusionReason.ADMIN_CLUSTER),
                org.assertj.core.groups.Tuple.tuple("done", ExclusionReason.ALREADY_AT_TARGET),
                org.assertj.core.groups.Tuple.tuple("gone", ExclusionReason.UNREACHABLE),
                org.assertj.core.groups.Tuple.tuple("odd", ExclusionReason.FROM_VERSION_MISMATCH));
        assertThat(preview.assignment()).containsExactly(List.of("edge-a"));
        assertThat(preview.problems()).isEmpty();
    }

    @Test
    void wavesTakeTheirShareAndTheLastTakesTheRestWithAnEta() {
        List<ClusterFacts> inventory = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inventory.add(cluster("c" + i, false, "1.6.14-asm.1", NOW, "prod", 200));
        }
        WavePlanner.Preview preview = WavePlanner.preview(spec(null,
                        new WaveSpec(List.of(), 1, 0, 1, 0, Duration.ofMinutes(30), false),
                        new WaveSpec(List.of(), 0, 25, 2, 1, Duration.ZERO, true),
                        new WaveSpec(List.of(), 0, 25, 10, 1, Duration.ZERO, false)),
                inventory, NOW, STALE, ArtifactStatus.UNKNOWN);
        assertThat(preview.assignment()).containsExactly(List.of("c0"), List.of("c1", "c2", "c3"),
                List.of("c4", "c5", "c6", "c7", "c8", "c9"));
        // canary: 5-10 min control plane + 2 min of sidecars (200 pods at 100/min) + 30 min soak
        assertThat(preview.waves().get(0).etaMin()).isEqualTo(Duration.ofMinutes(37));
        assertThat(preview.waves().get(0).etaMax()).isEqualTo(Duration.ofMinutes(42));
        // wave 1: two batches (2 + 1) of 7-12 min
        assertThat(preview.waves().get(1).etaMin()).isEqualTo(Duration.ofMinutes(14));
        assertThat(preview.etaMax()).isEqualTo(Duration.ofMinutes(42 + 24 + 12));
    }

    @Test
    void anEmptyCanaryIsAProblem() {
        WavePlanner.Preview preview = WavePlanner.preview(spec(null,
                        new WaveSpec(List.of("edge-x"), 0, 0, 1, 0, Duration.ZERO, false)),
                List.of(cluster("edge-x", true, "1.6.14-asm.1", NOW, "prod", 1)), NOW, STALE, ArtifactStatus.UNKNOWN);
        assertThat(preview.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("waves[0]"));
        assertThat(preview.excluded()).extracting(Exclusion::reason).containsExactly(ExclusionReason.ADMIN_CLUSTER);
    }
}
