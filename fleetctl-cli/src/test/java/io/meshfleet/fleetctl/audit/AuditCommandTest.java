package io.meshfleet.fleetctl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.api.OrchestratorJson;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.api.StubService;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl audit} and {@code audit verify} against a stand-in answering as the orchestrator's AuditResource. */
class AuditCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant T = Instant.parse("2026-11-27T10:00:00.123456Z");

    private static final JsonNode CREATED = OrchestratorJson.auditEntry(1, T, "alice", "plan-1a2b3c4d", null, null,
            "PLAN_CREATED", null, "DRAFT", "plan prod-to-1.5.10: 1.5.10-asm.2 on 3 clusters in 2 waves");
    private static final JsonNode STARTED = OrchestratorJson.auditEntry(2, T.plusSeconds(60), "alice", "plan-1a2b3c4d",
            null, null, "OPERATOR_ACTION", "DRAFT", "RUNNING", "CHG-1234, approved by \"the CAB\"\nsee ticket");
    private static final JsonNode STEP = OrchestratorJson.auditEntry(3, T.plusSeconds(120), "orchestrator",
            "plan-1a2b3c4d", 0, "user-01", "CLUSTER_STEP", "PENDING", "AWAITING_ARTIFACT", "wave 0 started");

    @TempDir
    Path home;
    private StubService orchestrator;

    @BeforeEach
    void start() throws Exception {
        orchestrator = new StubService();
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    /** Answers /api/v1/audit with the pages in order: the first page then, for each cursor, the next. */
    private AtomicInteger pages(String... pages) {
        AtomicInteger calls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/audit", () -> new StubService.Answer(200, pages[calls.getAndIncrement()]));
        return calls;
    }

    @Test
    void followsTheCursorThroughEveryPageAndPrintsATable() {
        AtomicInteger calls = pages(OrchestratorJson.auditPage(2L, CREATED, STARTED), OrchestratorJson.auditPage(null, STEP));

        CommandRun run = fleetctl("audit", "--plan", "plan-1a2b3c4d");

        assertThat(run.exitCode()).isZero();
        assertThat(calls).hasValue(2);
        assertThat(orchestrator.seen()).extracting(StubService.Seen::path).containsExactly(
                "/api/v1/audit?plan=plan-1a2b3c4d&limit=500",
                "/api/v1/audit?plan=plan-1a2b3c4d&cursor=2&limit=500");
        assertThat(run.outLines()).containsExactly(
                "SEQ  TIME                         ACTOR         PLAN           WAVE  CLUSTER  TYPE             CHANGE                        REASON",
                "1    2026-11-27T10:00:00.123456Z  alice         plan-1a2b3c4d  -     -        PLAN_CREATED     - -> DRAFT                    plan prod-to-1.5.10: 1.5.10-asm.2 on 3 clusters in 2 waves",
                "2    2026-11-27T10:01:00.123456Z  alice         plan-1a2b3c4d  -     -        OPERATOR_ACTION  DRAFT -> RUNNING              CHG-1234, approved by \"the CAB\" see ticket",
                "3    2026-11-27T10:02:00.123456Z  orchestrator  plan-1a2b3c4d  0     user-01  CLUSTER_STEP     PENDING -> AWAITING_ARTIFACT  wave 0 started");
    }

    @Test
    void everyFilterIsPassedAndDurationsCountBackFromTheClock() {
        pages(OrchestratorJson.auditPage(null));

        CommandRun run = fleetctl("audit", "--plan", "plan-1a2b3c4d", "--cluster", "user-01", "--actor", "alice smith",
                "--type", "OPERATOR_ACTION", "--since", "2h", "--until", "2026-11-27T11:30:00+01:00");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("no audit entries match");
        assertThat(orchestrator.seen().get(0).path()).isEqualTo("/api/v1/audit?plan=plan-1a2b3c4d&cluster=user-01"
                + "&actor=alice%20smith&type=OPERATOR_ACTION&from=2026-11-27T10%3A00%3A00Z&to=2026-11-27T10%3A30%3A00Z"
                + "&limit=500");
    }

    @Test
    void csvHasTheExportsHeaderAndQuotesWhatNeedsIt() throws Exception {
        pages(OrchestratorJson.auditPage(2L, CREATED, STARTED), OrchestratorJson.auditPage(null, STEP));

        CommandRun run = fleetctl("audit", "-o", "csv");

        assertThat(run.exitCode()).isZero();
        String hash1 = String.format("%064x", 1);
        String hash0 = String.format("%064x", 0);
        assertThat(run.out()).startsWith("seq,at,actor,plan_id,wave,cluster_id,namespace,type,from,to,reason,"
                + "correlation_id,prev_hash,hash\n"
                + "1,2026-11-27T10:00:00.123456Z,alice,plan-1a2b3c4d,,,,PLAN_CREATED,,DRAFT,"
                + "plan prod-to-1.5.10: 1.5.10-asm.2 on 3 clusters in 2 waves,," + hash0 + "," + hash1 + "\n"
                + "2,2026-11-27T10:01:00.123456Z,alice,plan-1a2b3c4d,,,,OPERATOR_ACTION,DRAFT,RUNNING,"
                + "\"CHG-1234, approved by \"\"the CAB\"\"\nsee ticket\",,");
        // Read back with a strict RFC 4180 reader: every record has the 14 columns, the reason survives intact.
        List<List<String>> records = Rfc4180.parse(new StringReader(run.out()));
        assertThat(records).hasSize(4).allSatisfy(record -> assertThat(record).hasSize(14));
        assertThat(records.get(2).get(10)).isEqualTo("CHG-1234, approved by \"the CAB\"\nsee ticket");
        assertThat(records.get(3)).containsExactly("3", "2026-11-27T10:02:00.123456Z", "orchestrator", "plan-1a2b3c4d",
                "0", "user-01", "", "CLUSTER_STEP", "PENDING", "AWAITING_ARTIFACT", "wave 0 started", "corr-3",
                String.format("%064x", 2), String.format("%064x", 3));
    }

    @Test
    void jsonIsOneEntryPerLineAsTheOrchestratorWroteIt() throws Exception {
        pages(OrchestratorJson.auditPage(2L, CREATED, STARTED), OrchestratorJson.auditPage(null, STEP));

        CommandRun run = fleetctl("audit", "-o", "json");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.outLines()) {
            lines.add(RestClient.json().readTree(line));
        }
        assertThat(lines).containsExactly(reparsed(CREATED), reparsed(STARTED), reparsed(STEP));
    }

    @Test
    void badTimesAndFormatsAreUsageErrorsBeforeAnyCall() {
        CommandRun since = fleetctl("audit", "--since", "yesterday");
        CommandRun order = fleetctl("audit", "--since", "1h", "--until", "2h");
        CommandRun output = fleetctl("audit", "-o", "xml");

        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("Invalid value for option '--since'", "but was 'yesterday'");
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("--since (2026-11-27T11:00:00Z) must be before --until (2026-11-27T10:00:00Z)");
        assertThat(output.err()).contains("expected one of table, json, csv but was 'xml'");
        assertThat(orchestrator.seen()).isEmpty();
    }

    @Test
    void aRefusalMidwayKeepsWhatWasPrintedAndExits1() {
        AtomicInteger calls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/audit", () -> calls.getAndIncrement() == 0
                ? new StubService.Answer(200, OrchestratorJson.auditPage(2L, CREATED, STARTED))
                : new StubService.Answer(401, ""));

        CommandRun run = fleetctl("audit", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.err()).contains("refused the token (401)", "fleetctl token mint");
    }

    @Test
    void verifyExits0WhenTheChainIsIntact() {
        orchestrator.on("GET", "/api/v1/audit/verify", 200, OrchestratorJson.verification(true, 1234, null, null));

        CommandRun run = fleetctl("audit", "verify");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("audit trail verified: 1234 entries, every hash and link intact");
    }

    @Test
    void verifyExits1AndShowsWhereTheChainBreaks() {
        orchestrator.on("GET", "/api/v1/audit/verify", 200, OrchestratorJson.verification(false, 2, 2L,
                "HASH_MISMATCH: stored 00..02, computed 9f..e1"));
        pages(OrchestratorJson.auditPage(2L, STARTED));

        CommandRun run = fleetctl("audit", "verify");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(orchestrator.seen().get(1).path()).isEqualTo("/api/v1/audit?cursor=1&limit=1");
        assertThat(run.outLines()).first().isEqualTo(
                "audit trail BROKEN at entry 2 (2 entries checked): HASH_MISMATCH: stored 00..02, computed 9f..e1");
        assertThat(run.out()).contains("entry as stored now:", "OPERATOR_ACTION  DRAFT -> RUNNING",
                "prevHash " + String.format("%064x", 1) + "  hash " + String.format("%064x", 2),
                "entries up to 1 are intact");
    }

    @Test
    void verifyOfARemovedEntrySaysItIsGone() {
        orchestrator.on("GET", "/api/v1/audit/verify", 200, OrchestratorJson.verification(false, 5, 5L,
                "CHAIN_BROKEN: prevHash does not match entry 4"));
        pages(OrchestratorJson.auditPage(6L, OrchestratorJson.auditEntry(6, T, "orchestrator", null, null, null,
                "PLAN_STATE", "RUNNING", "SUCCEEDED", "done")));

        CommandRun run = fleetctl("audit", "verify");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("entry 5 is no longer in the trail (removed)");
    }

    @Test
    void verifyWithoutTheRoleOrTheOrchestratorSaysWhatToDo() throws Exception {
        orchestrator.on("GET", "/api/v1/audit/verify", 403, "");
        CommandRun forbidden = fleetctl("audit", "verify");
        orchestrator.close();
        CommandRun unreachable = fleetctl("audit", "verify");

        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err()).contains("needs the role 'viewer'");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot reach the orchestrator at " + orchestrator.url(),
                "MESHFLEET_ORCHESTRATOR_URL");
    }

    /** As a reader sees it (Jackson's int and long nodes differ in equals). */
    private static JsonNode reparsed(JsonNode node) throws Exception {
        return RestClient.json().readTree(node.toString());
    }

    private CommandRun fleetctl(String... args) {
        Map<String, String> env = new HashMap<>(Map.of("MESHFLEET_ORCHESTRATOR_URL", orchestrator.url(),
                "MESHFLEET_TOKEN", "view-token", "HOME", home.toString()));
        return CommandRun.of(new Fleetctl(Clock.fixed(NOW, ZoneOffset.UTC), env), args);
    }
}
