package io.meshfleet.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.InstallPhase;
import io.meshfleet.events.InstallProgress;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.Installer;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.events.SmokeCheck;
import io.meshfleet.events.SmokeTestResult;
import io.meshfleet.events.Topics;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent executing signed commands from the real broker against its fleet-sim clusters, answering on
 * {@code fleet.agent.events} (correlated with the command) and reporting state on {@code fleet.cluster.state}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TrustedKeysTestResource.class)
@QuarkusTestResource(FleetSimTestResource.class)
class CommandExecutionIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private static Envelope send(AgentCommand command) {
        Envelope signed = new CommandSigner(TrustedKeysTestResource.issuer(), CLOCK)
                .sign(Envelope.of("test/orchestrator", command, CLOCK).withPlan("plan-it"), Duration.ofMinutes(5));
        TestKafka.publish(signed);
        return signed;
    }

    private static <T> T answer(Envelope command, Class<T> type) {
        Envelope answer = TestKafka.awaitEnvelope(Topics.AGENT_EVENTS,
                e -> command.id().equals(e.correlationId()) && type.isInstance(e.data()));
        assertThat(answer.planId()).isEqualTo("plan-it");
        return type.cast(answer.data());
    }

    @Test
    void preflightIsAnsweredWithTheOverlay() {
        Envelope command = send(new Preflight("edge-a", "1.5.10-asm.2", "asm-multicloud"));

        PreflightResult result = answer(command, PreflightResult.class);

        assertThat(result.passed()).isTrue();
        assertThat(result.currentVersion()).isEqualTo("1.6.14-asm.1");
        assertThat(result.overlay()).containsKey("values");
    }

    @Test
    void barePodsAreReportedForManualAction() {
        Envelope command = send(new RestartWorkloads("edge-a", "roll-it", "shop",
                List.of(new WorkloadRef(WorkloadKind.POD, "debug-shell")), false));

        RestartExecuted executed = answer(command, RestartExecuted.class);

        assertThat(executed.restarted()).isEmpty();
        assertThat(executed.needsManualAction()).containsExactly("debug-shell");
    }

    @Test
    void smokeTestsAreAnsweredPerCheck() {
        String url = "http://127.0.0.1:" + FleetSimTestResource.fleet().server().port() + "/clusters/edge-a/version";
        Envelope command = send(new RunSmokeTests("edge-a", List.of(SmokeCheck.http("api-version", url, 200, "gitVersion"),
                SmokeCheck.http("wrong-status", url, 204, null)), 30));

        Envelope first = TestKafka.awaitEnvelope(Topics.AGENT_EVENTS, e -> command.id().equals(e.correlationId())
                && e.data() instanceof SmokeTestResult r && r.check().equals("api-version"));
        Envelope second = TestKafka.awaitEnvelope(Topics.AGENT_EVENTS, e -> command.id().equals(e.correlationId())
                && e.data() instanceof SmokeTestResult r && r.check().equals("wrong-status"));
        assertThat(((SmokeTestResult) first.data()).passed()).isTrue();
        assertThat(((SmokeTestResult) second.data()).passed()).isFalse();
        assertThat(((SmokeTestResult) second.data()).detail()).contains("answered 200, expected 204");
    }

    @Test
    void installThenRestartIsSeenInTheStateReports() {
        Envelope install = send(new InstallControlPlane("edge-b", FleetSimTestResource.RELEASE, "asm-multicloud",
                Map.of(), FleetSimTestResource.release().sha256(), "linux", Installer.ISTIOCTL, 120));

        InstallResult result = answer(install, InstallResult.class);
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(answer(install, InstallProgress.class).phase()).isEqualTo(InstallPhase.DOWNLOADING);

        Envelope restart = send(new RestartWorkloads("edge-b", "roll-it", "shop",
                List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "frontend")), false));
        assertThat(answer(restart, RestartExecuted.class).restarted()).hasSize(1);

        ClusterState converged = (ClusterState) TestKafka.awaitEnvelope(Topics.CLUSTER_STATE,
                e -> e.data() instanceof ClusterState s && s.clusterId().equals("edge-b")
                        && FleetSimTestResource.RELEASE.equals(s.meshVersion()) && s.namespaces().stream()
                        .flatMap(n -> n.workloads().stream()).filter(w -> w.name().equals("frontend"))
                        .flatMap(w -> w.pods().stream()).allMatch(p -> p.convergedAt(FleetSimTestResource.RELEASE))
                        && s.namespaces().stream().flatMap(n -> n.workloads().stream())
                        .anyMatch(w -> w.name().equals("frontend") && !w.pods().isEmpty())).data();
        WorkloadState frontend = converged.namespaces().get(0).workloads().get(0);
        assertThat(frontend.pods()).singleElement().satisfies(p -> assertThat(p.ready()).isEqualTo(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("meshfleet_agent_command_duration_seconds_count{cluster=\"edge-b\",outcome=\"done\","
                        + "type=\"meshfleet.InstallControlPlane\"}"))
                .body(containsString("meshfleet_agent_events_sent_total{cluster=\"edge-b\",type=\"meshfleet.InstallResult\"}"))
                .body(containsString("meshfleet_agent_state_reports_total{cluster=\"edge-b\"}"))
                .body(containsString("meshfleet_agent_cluster_api_up{cluster=\"edge-a\"} 1.0")));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("kubernetes-api"))
                .body("checks.find { it.name == 'cluster-state-sync' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'cluster-state-sync' }.data.synced", equalTo(2))
                .body("checks.find { it.name == 'cluster-state-sync' }.data.failing", equalTo(0));
    }
}
