package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.agent.smoke.SmokeTestRunner;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.events.SmokeCheck;
import io.meshfleet.events.SmokeTestResult;
import io.meshfleet.sim.fleet.FleetSim;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke checks against a fleet-sim cluster: Jobs that succeed or fail, and HTTP checks, one result per check. */
class SmokeKubeTest {

    @TempDir
    static Path work;
    private static FleetSim fleet;

    @BeforeAll
    static void startFleet() {
        fleet = TestFleet.start(work);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    @Test
    void jobAndHttpChecksAreJudgedOneByOne() throws Exception {
        String version = fleet.url("user-01") + "/version";
        RunSmokeTests command = new RunSmokeTests("user-01", List.of(
                SmokeCheck.job("orders-flow", "registry.example/smoke:1", List.of("sh", "-c", "curl -fsS http://web/ && exit 0")),
                SmokeCheck.job("payments-flow", "registry.example/smoke:1", List.of("sh", "-c", "curl -fsS http://pay/ || exit 2")),
                SmokeCheck.http("api", version, 200, "gitVersion"),
                SmokeCheck.http("api-body", version, 200, "no such text")), 60);
        List<SmokeTestResult> results = new ArrayList<>();

        try (ClusterConnection connection = TestFleet.connect(fleet, "user-01")) {
            new SmokeTestRunner(Clock.systemUTC()).run(connection.client(), command, results::add);

            assertThat(results).extracting(SmokeTestResult::check, SmokeTestResult::passed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("orders-flow", true),
                    org.assertj.core.groups.Tuple.tuple("payments-flow", false),
                    org.assertj.core.groups.Tuple.tuple("api", true),
                    org.assertj.core.groups.Tuple.tuple("api-body", false));
            assertThat(results.get(0).detail()).contains("succeeded");
            assertThat(results.get(1).detail()).contains("failed");
            assertThat(results.get(3).detail()).contains("lacks \"no such text\"");
            assertThat(connection.client().batch().v1().jobs().inNamespace(SmokeTestRunner.NAMESPACE).list().getItems())
                    .as("the check Jobs are cleaned up").isEmpty();
        }
    }
}
