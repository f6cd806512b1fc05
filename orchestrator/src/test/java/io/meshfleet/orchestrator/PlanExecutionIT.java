package io.meshfleet.orchestrator;

import static io.meshfleet.orchestrator.FleetScript.FROM;
import static io.meshfleet.orchestrator.FleetScript.TARGET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.RunSmokeTests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan over several clusters end to end, with real Kafka and PostgreSQL: the agents, the roller and
 * artifact-service are scripted as real messages; the test checks the commands (signed), the gates
 * (canary, approval, halt on failure, retry) and the audit trail with its actors, paging, export and
 * chain verification.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class PlanExecutionIT {

    static final Map<String, String> LABELS = Map.of("suite", "execution");
    static final String PLAN = """
            name: exec-downgrade
            targetVersion: 1.5.10-asm.2
            fromVersion: 1.6.14-asm.1
            selector: {matchLabels: {suite: execution}}
            waves:
              - {clusters: [exec-canary]}
              - {percent: 100, maxConcurrency: 2, maxFailures: 0, soak: 1s, requireApproval: true}
            smokeTests:
              - {name: web, kind: HTTP, url: "http://web.shop/healthz"}
            deadlines: {preflight: 10m}
            """;

    @Test
    void aPlanRunsCanaryFirstThroughApprovalFailureAndRetryAndEveryStepIsAudited() {
        FleetScript.releaseVerified(TARGET, 'a');
        for (String c : List.of("exec-canary", "exec-b", "exec-c")) {
            FleetScript.state(c, ClusterKind.USER, LABELS, FROM, FROM);
        }
        FleetScript.state("exec-admin", ClusterKind.ADMIN, LABELS, FROM, FROM);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer())
                .queryParam("label", "suite=execution").get("/api/v1/clusters").then().statusCode(200)
                .body("size()", equalTo(4)));

        // Dry run: waves, exclusions with reasons, ETA and the release's verification state.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.operator())
                .contentType("application/yaml").body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8)).queryParam("dryRun", true).post("/api/v1/plans")
                .then().statusCode(200)
                .body("preview.artifact.state", equalTo("VERIFIED")));
        JsonPath preview = given().auth().oauth2(Tokens.operator()).contentType("application/yaml").body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("dryRun", true).post("/api/v1/plans").then().statusCode(200).extract().jsonPath();
        assertThat(preview.getList("preview.waves[0].clusters")).containsExactly("exec-canary");
        assertThat(preview.getList("preview.waves[1].clusters")).containsExactly("exec-b", "exec-c");
        assertThat(preview.getString("preview.excluded[0].clusterId")).isEqualTo("exec-admin");
        assertThat(preview.getString("preview.excluded[0].reason")).isEqualTo("ADMIN_CLUSTER");
        assertThat(preview.getList("preview.problems")).isEmpty();

        String planId = given().auth().oauth2(Tokens.operator()).contentType("application/yaml").body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/plans").then().statusCode(201).body("state", equalTo("DRAFT"))
                .extract().path("planId");
        act(planId, "start", Tokens.operator(), 200);
        act(planId, "start", Tokens.operator(), 409); // already running: refused, and audited
        // A second plan over the same clusters is refused while this one is active, naming each cluster and the plan.
        String refused = given().auth().oauth2(Tokens.operator()).contentType("application/yaml")
                .body(PLAN.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/plans").then()
                .statusCode(422).extract().asString();
        for (String cluster : List.of("exec-canary", "exec-b", "exec-c")) {
            assertThat(refused).contains("cluster " + cluster + " is already in active plan " + planId);
        }

        // The canary goes through every step; nothing else is touched meanwhile.
        runClusterToSmokeTests(planId, "exec-canary", 1);
        assertThat(plan(planId).getString("clusters.find { it.clusterId == 'exec-b' }.step")).isEqualTo("PENDING");
        Envelope smoke = FleetScript.awaitCommand(RunSmokeTests.class, "exec-canary", planId, 1);
        FleetScript.smokePassed(smoke, "web");

        awaitPlan(planId, "waves[1].state", "AWAITING_APPROVAL");
        act(planId, "approve", Tokens.operator(), 403); // operators cannot approve
        act(planId, "approve", Tokens.approver(), 200);

        // Wave 1: two clusters at once; exec-c's install fails, which halts the plan (maxFailures 0).
        Envelope preflightB = FleetScript.awaitCommand(Preflight.class, "exec-b", planId, 1);
        Envelope preflightC = FleetScript.awaitCommand(Preflight.class, "exec-c", planId, 1);
        FleetScript.preflightPassed(preflightC);
        FleetScript.installed(FleetScript.awaitCommand(InstallControlPlane.class, "exec-c", planId, 1), false);
        awaitPlan(planId, "state", "HALTED");
        FleetScript.preflightPassed(preflightB);
        runFromInstall(planId, "exec-b", 1);
        FleetScript.smokePassed(FleetScript.awaitCommand(RunSmokeTests.class, "exec-b", planId, 1), "web");
        awaitPlan(planId, "clusters.find { it.clusterId == 'exec-b' }.step", "SUCCEEDED");
        act(planId, "resume", Tokens.operator(), 409); // still one failure too many

        // The operator retries exec-c: a second attempt with its own correlation id.
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "node fixed"))
                .post("/api/v1/plans/" + planId + "/clusters/exec-c/retry").then().statusCode(200)
                .body("state", equalTo("RUNNING"));
        runClusterToSmokeTests(planId, "exec-c", 2);
        FleetScript.smokePassed(FleetScript.awaitCommand(RunSmokeTests.class, "exec-c", planId, 2), "web");
        awaitPlan(planId, "state", "SUCCEEDED");

        assertAuditTrail(planId);
        assertMetrics();
    }

    private void assertMetrics() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metric(metrics, "meshfleet_orchestrator_plans{state=\"SUCCEEDED\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric(metrics, "meshfleet_orchestrator_step_duration_seconds_count{step=\"PREFLIGHT\""))
                    .isGreaterThanOrEqualTo(4); // exec-canary, exec-b, exec-c twice
            assertThat(metric(metrics, "meshfleet_audit_entries_total{type=\"CLUSTER_STEP\""))
                    .isGreaterThanOrEqualTo(21);
            assertThat(metrics).contains("meshfleet_orchestrator_clusters{step=\"ROLLING_SIDECARS\"");
        });
    }

    private static double metric(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private void runClusterToSmokeTests(String planId, String cluster, int attempt) {
        FleetScript.preflightPassed(FleetScript.awaitCommand(Preflight.class, cluster, planId, attempt));
        runFromInstall(planId, cluster, attempt);
    }

    private void runFromInstall(String planId, String cluster, int attempt) {
        Envelope install = FleetScript.awaitCommand(InstallControlPlane.class, cluster, planId, attempt);
        assertThat(((InstallControlPlane) install.data()).artifactSha256()).isEqualTo("a".repeat(64));
        FleetScript.installed(install, true);
        awaitPlan(planId, "clusters.find { it.clusterId == '" + cluster + "' }.step", "AWAITING_CONTROL_PLANE");
        FleetScript.state(cluster, ClusterKind.USER, LABELS, TARGET, FROM);
        Envelope roll = FleetScript.awaitCommand(RollSidecars.class, cluster, planId, attempt);
        assertThat(((RollSidecars) roll.data()).targetProxyVersion()).isEqualTo(TARGET);
        FleetScript.state(cluster, ClusterKind.USER, LABELS, TARGET, TARGET);
        awaitPlan(planId, "clusters.find { it.clusterId == '" + cluster + "' }.step", "SMOKE_TESTING");
    }

    private void assertAuditTrail(String planId) {
        List<Map<String, Object>> all = new ArrayList<>();
        Integer cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.viewer()).queryParam("plan", planId).queryParam("limit", 7);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("entries"));
            cursor = page.get("nextCursor");
        } while (cursor != null);

        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("type", "PLAN_CREATED").containsEntry("actor", "alice"));
        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("type", "OPERATOR_ACTION")
                .containsEntry("to", "START").containsEntry("actor", "alice"));
        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("type", "OPERATOR_REJECTED")
                .containsEntry("to", "START").containsEntry("actor", "alice"));
        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("type", "OPERATOR_ACTION")
                .containsEntry("to", "APPROVE").containsEntry("actor", "bob"));
        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("type", "OPERATOR_ACTION")
                .containsEntry("to", "RETRY").containsEntry("clusterId", "exec-c").containsEntry("reason", "node fixed"));
        for (String cluster : List.of("exec-canary", "exec-b", "exec-c")) {
            List<String> steps = all.stream().filter(e -> "CLUSTER_STEP".equals(e.get("type"))
                    && cluster.equals(e.get("clusterId"))).map(e -> (String) e.get("to")).toList();
            assertThat(steps).as(cluster).endsWith("AWAITING_ARTIFACT", "PREFLIGHT", "INSTALLING",
                    "AWAITING_CONTROL_PLANE", "ROLLING_SIDECARS", "SMOKE_TESTING", "SUCCEEDED");
        }
        assertThat(all).anySatisfy(e -> assertThat(e).containsEntry("clusterId", "exec-c")
                .containsEntry("to", "FAILED").containsEntry("correlationId", planId + "/exec-c/1"));
        assertThat(all).filteredOn(e -> "PLAN_STATE".equals(e.get("type"))).extracting(e -> e.get("to"))
                .containsExactly("RUNNING", "HALTED", "RUNNING", "SUCCEEDED");
        // Trail order: seq strictly increasing across the pages.
        List<Long> seqs = all.stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();

        String jsonl = given().auth().oauth2(Tokens.viewer()).queryParam("plan", planId)
                .get("/api/v1/audit/export").then().statusCode(200).extract().asString();
        assertThat(jsonl.lines()).hasSize(all.size());
        String csv = given().auth().oauth2(Tokens.viewer()).queryParam("plan", planId).queryParam("format", "csv")
                .get("/api/v1/audit/export").then().statusCode(200).extract().asString();
        assertThat(csv.lines().findFirst()).hasValueSatisfying(h -> assertThat(h).startsWith("seq,at,actor,plan_id"));
        assertThat(csv.lines()).hasSize(all.size() + 1);

        given().auth().oauth2(Tokens.viewer()).queryParam("actor", "bob").get("/api/v1/audit").then().statusCode(200)
                .body("entries.type", hasItem("OPERATOR_ACTION"));
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    static void act(String planId, String action, String token, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "change CHG-42"))
                .post("/api/v1/plans/" + planId + "/" + action).then().statusCode(status);
    }

    static JsonPath plan(String planId) {
        return given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/" + planId).then().statusCode(200)
                .extract().jsonPath();
    }

    static void awaitPlan(String planId, String path, String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(plan(planId).getString(path))
                .as("%s of plan %s", path, planId).isEqualTo(expected));
    }
}
