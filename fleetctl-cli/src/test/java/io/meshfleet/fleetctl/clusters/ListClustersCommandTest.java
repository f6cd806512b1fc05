package io.meshfleet.fleetctl.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.api.OrchestratorJson;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.api.StubService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl clusters list} against a loopback stand-in answering as the orchestrator's ClusterResource. */
class ListClustersCommandTest {

    private static final Instant SEEN = Instant.parse("2026-11-27T09:59:30Z");

    @TempDir
    Path home;
    private StubService orchestrator;
    private String clusters;

    @BeforeEach
    void start() throws Exception {
        orchestrator = new StubService();
        Map<String, String> prodTokyo = new LinkedHashMap<>();
        prodTokyo.put("region", "tokyo");
        prodTokyo.put("env", "prod");
        clusters = OrchestratorJson.list(List.of(
                OrchestratorJson.cluster("admin-01", "ADMIN", Map.of(), "1.6.14-asm.1", 10, 10,
                        Map.of("1.6.14-asm.1", 10), SEEN),
                OrchestratorJson.cluster("user-01", "USER", prodTokyo, "1.6.14-asm.1", 120, 118,
                        Map.of("1.6.14-asm.1", 100, "1.5.10-asm.2", 20), SEEN)));
        orchestrator.on("GET", "/api/v1/clusters", 200, clusters);
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void listsEveryClusterAsATable() {
        CommandRun run = fleetctl("clusters", "list");

        assertThat(run.exitCode()).isZero();
        assertThat(orchestrator.seen().get(0).path()).isEqualTo("/api/v1/clusters");
        assertThat(orchestrator.seen().get(0).header("Authorization")).isEqualTo("Bearer view-token");
        assertThat(run.outLines()).containsExactly(
                "CLUSTER   KIND   MESH          CONTROL PLANE  WORKLOADS  PROXIES                           LABELS                 LAST SEEN",
                "admin-01  ADMIN  1.6.14-asm.1  2/2            10/10      1.6.14-asm.1:10                   -                      2026-11-27T09:59:30Z",
                "user-01   USER   1.6.14-asm.1  2/2            118/120    1.5.10-asm.2:20,1.6.14-asm.1:100  env=prod,region=tokyo  2026-11-27T09:59:30Z");
    }

    @Test
    void selectorVersionAndKindBecomeTheApisQueryParameters() {
        CommandRun run = fleetctl("clusters", "list", "--selector", "env=prod,region=tokyo", "-l", "tier=a b",
                "--mesh-version", "1.6.14-asm.1", "--kind", "user");

        assertThat(run.exitCode()).isZero();
        assertThat(orchestrator.seen().get(0).path()).isEqualTo(
                "/api/v1/clusters?label=env%3Dprod&label=region%3Dtokyo&label=tier%3Da%20b&version=1.6.14-asm.1&kind=USER");
    }

    @Test
    void jsonAndYamlCarryTheOrchestratorsFieldsUnchanged() throws Exception {
        CommandRun json = fleetctl("clusters", "list", "-o", "json");
        CommandRun yaml = fleetctl("clusters", "list", "-o", "YAML");

        JsonNode expected = RestClient.json().readTree(clusters);
        assertThat(RestClient.json().readTree(json.out())).isEqualTo(expected);
        assertThat(new YAMLMapper().readTree(yaml.out())).isEqualTo(expected);
        assertThat(yaml.out()).contains("clusterId: \"user-01\"", "workloadReadyPods: 118");
    }

    @Test
    void nothingReportedOrNothingMatchingIsSaidPlainly() {
        orchestrator.on("GET", "/api/v1/clusters", 200, "[]");

        assertThat(fleetctl("clusters", "list").out().strip()).isEqualTo(
                "no clusters: no agent has reported yet; check that the cluster-agents run and reach Kafka");
        assertThat(fleetctl("clusters", "list", "-l", "env=dev").out().strip()).isEqualTo("no cluster matches");
    }

    @Test
    void badSelectorsKindsAndFormatsAreUsageErrorsBeforeAnyCall() {
        CommandRun selector = fleetctl("clusters", "list", "--selector", "prod");
        CommandRun kind = fleetctl("clusters", "list", "--kind", "EDGE");
        CommandRun output = fleetctl("clusters", "list", "-o", "xml");

        assertThat(selector.exitCode()).isEqualTo(2);
        assertThat(selector.err()).contains("--selector must be KEY=VALUE, e.g. env=prod; was 'prod'");
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("--kind must be USER or ADMIN; was 'EDGE'");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("expected one of table, json, yaml but was 'xml'");
        assertThat(orchestrator.seen()).isEmpty();
    }

    @Test
    void theOrchestratorsRefusalsAreExplained() {
        orchestrator.on("GET", "/api/v1/clusters", 400, OrchestratorJson.error("label must be key=value, was =x"));
        CommandRun bad = fleetctl("clusters", "list");
        orchestrator.on("GET", "/api/v1/clusters", 403, "");
        CommandRun forbidden = fleetctl("clusters", "list");

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("the orchestrator answered 400: label must be key=value, was =x");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err()).contains("it needs the role 'viewer'", "--role viewer");
    }

    private CommandRun fleetctl(String... args) {
        Map<String, String> env = new HashMap<>(Map.of("MESHFLEET_ORCHESTRATOR_URL", orchestrator.url(),
                "MESHFLEET_TOKEN", "view-token", "HOME", home.toString()));
        return CommandRun.of(new Fleetctl(Clock.systemUTC(), env), args);
    }
}
