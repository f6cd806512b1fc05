package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.sim.scenario.ClusterSpec;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class ScaleFleetTest {

    @Test
    void theScenarioHasTheSizesClustersOfFiftyPodsOnTheOldVersionNamedAsTheSizeNamesThem() {
        ScaleSize size = new ScaleSize("t", 120, 10, 500, 600, 64, "");
        Scenario scenario = ScenarioReader.read(ScaleFleet.scenario(size), "t");

        assertThat(scenario.timeScale()).isEqualTo(600);
        assertThat(scenario.userClusters()).hasSize(120);
        assertThat(scenario.userClusters().stream().map(ClusterSpec::name).toList()).isEqualTo(size.clusterNames());
        for (ClusterSpec cluster : scenario.userClusters()) {
            assertThat(cluster.pods()).isEqualTo(ScaleFleet.PODS_PER_CLUSTER);
            assertThat(cluster.labels()).containsEntry("env", ScaleFleet.LABEL);
            assertThat(cluster.mesh().version()).isEqualTo(ScaleFleet.FROM);
        }
    }

    @Test
    void thePlanTakesOneCanaryThenTheRestAtTheSizesConcurrency() {
        String plan = ScaleFleet.plan(new ScaleSize("full", 1000, 100, 500, 600, 32, ""), "1.5.10-asm.2");
        assertThat(plan).contains("name: scale-full", "targetVersion: 1.5.10-asm.2", "fromVersion: 1.6.14-asm.1",
                "installer: OPERATOR", "selector: {matchLabels: {env: scale}}", "- {count: 1}",
                "- {percent: 100, maxConcurrency: 100, maxFailures: 0}", "maxUnavailable: \"50%\"",
                "failurePolicy: HALT");
    }
}
