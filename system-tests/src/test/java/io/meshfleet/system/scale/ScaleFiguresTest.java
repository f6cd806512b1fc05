package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleFiguresTest {

    private static ScaleFigures figures(Duration orchestratorCpu, long steps) {
        return figures(orchestratorCpu, steps, "SUCCEEDED", Map.of("SUCCEEDED", 50));
    }

    private static ScaleFigures figures(Duration orchestratorCpu, long steps, String state,
                                        Map<String, Integer> byStep) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        if (orchestratorCpu != null) {
            cpu.put("orchestrator", orchestratorCpu);
        }
        cpu.put("cluster-agent", Duration.ofSeconds(30));
        return new ScaleFigures(new ScaleSize("ci", 50, 25, 500, 600, 64, ""), 1, "2026-11-27T08:00:00Z", "1/2/3",
                "4/5/6", 2, Duration.ofSeconds(40), Duration.ofSeconds(5), Duration.ofMillis(1500),
                Duration.ofSeconds(60), state, byStep, steps,
                Map.of("CLUSTER_STEP", steps, "COMMAND_SENT", 150L), cpu,
                Map.of("orchestrator", 100L * 1048576), Map.of("fleet.agent.events", 500L, "fleet.cluster.state", 1500L),
                12);
    }

    @Test
    void perStepAndPerClusterFigures() {
        ScaleFigures figures = figures(Duration.ofSeconds(7), 350);
        assertThat(figures.orchestratorCpuPerStepMillis()).isEqualTo(20.0);
        assertThat(figures.kafkaRecordsPerCluster()).isEqualTo(40.0);
        assertThat(figures.auditEntries()).isEqualTo(500);
        assertThat(figures.total()).isEqualTo(Duration.ofSeconds(105));
        assertThat(figures(null, 350).orchestratorCpuPerStepMillis()).isNaN();
        assertThat(figures(Duration.ofSeconds(7), 0).orchestratorCpuPerStepMillis()).isNaN();
    }

    @Test
    void theTablesSayWhatWasMeasured() {
        String markdown = figures(Duration.ofSeconds(7), 350).markdown();
        assertThat(markdown)
                .contains("#### ci: 50 clusters x 50 pods")
                .contains("load (1/5/15 min) 1/2/3 before, 4/5/6 after")
                .contains("| total wall time (stack start + inventory + plan) | 105.0 s |")
                .contains("| plan creation (POST /api/v1/plans) | 1.5 s |")
                .contains("| plan wall time (start to SUCCEEDED) | 60.0 s (50.0 clusters/min) |")
                .contains("| orchestrator CPU per cluster step | 20.0 ms |")
                .contains("| Kafka records per cluster (all topics) | 40.0 |")
                .contains("| audit entries written | 500 (10.0 per cluster) |")
                .contains("| audit entries by type | CLUSTER_STEP 350, COMMAND_SENT 150 |")
                .contains("| orchestrator | 7.0 s | 100 MiB |")
                .contains("| cluster-agent | 30.0 s | n/a |")
                .contains("| fleet.cluster.state | 1500 | 30.0 |")
                .doesNotContain("clusters by step at the end");
    }

    @Test
    void aProbeThatStoppedWatchingCountsOnlyTheClustersThatFinished() {
        ScaleFigures figures = figures(Duration.ofSeconds(7), 90, "RUNNING",
                Map.of("SUCCEEDED", 12, "ROLLING_SIDECARS", 25, "PENDING", 13));
        assertThat(figures.succeeded()).isEqualTo(12);
        assertThat(figures.clustersPerMinute()).isEqualTo(12.0);
        assertThat(figures.markdown())
                .contains("| plan wall time (start to RUNNING) | 60.0 s (12.0 clusters/min) |")
                .contains("| clusters by step at the end | PENDING 13, ROLLING_SIDECARS 25, SUCCEEDED 12 |");
    }
}
