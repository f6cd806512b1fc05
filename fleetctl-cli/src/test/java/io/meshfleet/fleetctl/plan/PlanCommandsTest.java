package io.meshfleet.fleetctl.plan;

import static io.meshfleet.fleetctl.plan.PlanFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.api.OrchestratorJson;
import io.meshfleet.fleetctl.api.OrchestratorJson.Plan;
import io.meshfleet.fleetctl.api.OrchestratorJson.Wave;
import io.meshfleet.fleetctl.api.Pause;
import io.meshfleet.fleetctl.api.StubService;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/** The {@code plan} commands against a loopback HTTP stand-in answering as the orchestrator's PlanResource does. */
class PlanCommandsTest {

    private static final String PLAN_YAML = """
            name: prod-to-1.5.10
            targetVersion: 1.5.10-asm.2
            fromVersion: 1.6.14-asm.1
            selector: {matchLabels: {env: prod}}
            waves:
              - {clusters: [user-01]}
              - {percent: 100, maxConcurrency: 2, maxFailures: 1, soak: 30m, requireApproval: true}
            """;

    @TempDir
    Path home;
    private StubService orchestrator;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        orchestrator = new StubService();
        orchestrator.on("GET", "/api/v1/clusters", 200, OrchestratorJson.list(List.of(
                OrchestratorJson.cluster("user-01", "USER", Map.of("env", "prod"), "1.5.10-asm.2", 50, 50,
                        Map.of("1.5.10-asm.2", 50), NOW),
                OrchestratorJson.cluster("user-02", "USER", Map.of("env", "prod"), "1.6.14-asm.1", 300, 300,
                        Map.of("1.6.14-asm.1", 300), NOW))));
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    // --- create ---------------------------------------------------------------------------------------------------

    @Test
    void aDryRunSendsTheFileAndPrintsWavesExclusionsWithReasonsAndTheEta() throws Exception {
        Path file = Files.writeString(home.resolve("plan.yaml"), PLAN_YAML);
        orchestrator.on("POST", "/api/v1/plans", 200, OrchestratorJson.prepared(PlanFixtures.midway().node().path("spec"),
                List.of(OrchestratorJson.wavePreview(0, List.of("user-01"), 1, 0, Duration.ZERO, false,
                                Duration.ofMinutes(6), Duration.ofMinutes(11)),
                        OrchestratorJson.wavePreview(1, List.of("user-02", "user-03"), 2, 1, Duration.ofMinutes(30), true,
                                Duration.ofMinutes(38), Duration.ofMinutes(43))),
                List.of(OrchestratorJson.exclusion("admin-01", "ADMIN_CLUSTER",
                                "admin clusters are never changed; the mesh runs on user clusters"),
                        OrchestratorJson.exclusion("user-09", "UNREACHABLE",
                                "last report at 2026-11-27T09:00:00Z, more than PT10M ago")),
                List.of(), Duration.ofMinutes(44), Duration.ofMinutes(54), "VERIFIED",
                "4d1f5c8a2b7e9f0312d4c6b8a0e2f4d6c8b0a2e4f6d8c0b2a4e6f8d0c2b4a6e8", null).toString());

        CommandRun run = fleetctl("plan", "create", "-f", file.toString(), "--dry-run");

        assertThat(run.exitCode()).isZero();
        StubService.Seen post = orchestrator.seen().get(0);
        assertThat(post.path()).isEqualTo("/api/v1/plans?dryRun=true");
        assertThat(post.header("Content-Type")).isEqualTo("application/yaml");
        assertThat(post.header("Authorization")).isEqualTo("Bearer op-token");
        assertThat(post.body()).isEqualTo(PLAN_YAML);
        assertThat(run.outLines()).containsSubsequence(
                "plan prod-to-1.5.10: 1.5.10-asm.2 (only clusters at 1.6.14-asm.1), profile asm-multicloud, platform"
                        + " linux, on failure HALT",
                "release 1.5.10-asm.2/linux: VERIFIED, sha256 4d1f5c8a2b7e9f0312d4c6b8a0e2f4d6c8b0a2e4f6d8c0b2a4e6f8d0c2b4a6e8",
                "WAVE        CLUSTERS  AT ONCE  MAX FAILURES  SOAK  APPROVAL  ETA",
                "0 (canary)  1         1        0             0s    -         6m - 11m",
                "1           2         2        1             30m   required  38m - 43m",
                "  wave 0: user-01",
                "  wave 1: user-02, user-03",
                "excluded (2), never touched by this plan:",
                "  admin-01  ADMIN_CLUSTER  admin clusters are never changed; the mesh runs on user clusters",
                "  user-09   UNREACHABLE    last report at 2026-11-27T09:00:00Z, more than PT10M ago",
                "ETA 44m - 54m for 3 clusters in 2 waves (the seed's figures: 5-10 min per control plane, sidecars at"
                        + " the plan's rate, soaks; approvals not counted)",
                "dry run: nothing was created; create it with: fleetctl plan create -f " + file);
    }

    @Test
    void aDryRunWithProblemsOrAnUnverifiedReleaseSaysSoAndExits1() throws Exception {
        Path file = Files.writeString(home.resolve("plan.json"), "{\"targetVersion\": \"1.5.10-asm.2\"}");
        orchestrator.on("POST", "/api/v1/plans", 200, OrchestratorJson.prepared(PlanFixtures.midway().node().path("spec"),
                List.of(OrchestratorJson.wavePreview(0, List.of(), 1, 0, Duration.ZERO, false, Duration.ZERO,
                        Duration.ZERO)),
                List.of(OrchestratorJson.exclusion("user-01", "ALREADY_AT_TARGET", "already runs 1.5.10-asm.2")),
                List.of("waves[0]", "the canary has no eligible cluster (selected: 0 eligible, 1 excluded)"),
                Duration.ZERO, Duration.ZERO, "UNKNOWN", null, null).toString());

        CommandRun run = fleetctl("plan", "create", "-f", file.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(orchestrator.seen().get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(run.outLines()).contains(
                "release 1.5.10-asm.2/linux: not verified yet; clusters wait for it (AWAITING_ARTIFACT): mirror it with"
                        + " fleetctl release mirror --version 1.5.10-asm.2",
                "  wave 0: (none)",
                "problems: the plan cannot be created until they are fixed:",
                "  waves[0]: the canary has no eligible cluster (selected: 0 eligible, 1 excluded)",
                "dry run: the plan cannot be created as it is; fix the problems above");
    }

    @Test
    void createPrintsTheNewPlanAndHowToStartIt() throws Exception {
        Path file = Files.writeString(home.resolve("plan.yaml"), PLAN_YAML);
        Plan created = new Plan("plan-5e6f7a8b", "DRAFT", NOW)
                .wave(new Wave(1, 0, Duration.ZERO, false), "user-01")
                .wave(new Wave(2, 1, Duration.ofMinutes(30), true), "user-02", "user-03");
        orchestrator.on("POST", "/api/v1/plans", 201, created.json());

        CommandRun run = fleetctl("plan", "create", "-f", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(orchestrator.seen().get(0).path()).isEqualTo("/api/v1/plans");
        assertThat(run.outLines()).containsExactly(
                "created plan plan-5e6f7a8b (DRAFT): prod-to-1.5.10 -> 1.5.10-asm.2, 3 clusters in 2 waves",
                "  wave 0: user-01",
                "  wave 1: user-02, user-03",
                "start it with: fleetctl plan start plan-5e6f7a8b --reason '...'");

        CommandRun json = fleetctl("plan", "create", "-f", file.toString(), "-o", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"planId\" : \"plan-5e6f7a8b\"");
    }

    @Test
    void anInvalidPlanIsRefusedWithEveryFieldTheOrchestratorNamed() throws Exception {
        Path file = Files.writeString(home.resolve("plan.yaml"), "targetVersion: latest\nwaves: [{percent: 10}]\n");
        orchestrator.on("POST", "/api/v1/plans", 422, OrchestratorJson.invalidPlan(
                "targetVersion", "must be a release version like 1.5.10-asm.2, was latest",
                "waves[0].percent", "the canary takes clusters or a count, not a percent"));

        CommandRun run = fleetctl("plan", "create", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the orchestrator refused the plan in " + file
                + " (422): the plan is invalid; fix the listed fields\n"
                + "  targetVersion: must be a release version like 1.5.10-asm.2, was latest\n"
                + "  waves[0].percent: the canary takes clusters or a count, not a percent");

        orchestrator.on("POST", "/api/v1/plans", 400, OrchestratorJson.error("dryRun must be true or false"));
        CommandRun bad = fleetctl("plan", "create", "-f", file.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("the orchestrator refused the plan in " + file
                + " (400): dryRun must be true or false");
    }

    @Test
    void aMissingEmptyOrUnreadablePlanFileIsCaughtBeforeAnyCall() throws Exception {
        CommandRun missing = fleetctl("plan", "create", "-f", home.resolve("nope.yaml").toString());
        CommandRun directory = fleetctl("plan", "create", "-f", home.toString());
        CommandRun empty = fleetctl("plan", "create", "-f", Files.writeString(home.resolve("e.yaml"), " \n").toString());
        CommandRun binary = fleetctl("plan", "create", "-f",
                Files.write(home.resolve("b.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0}).toString());

        assertThat(List.of(missing, directory, empty, binary)).allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(2));
        assertThat(missing.err()).contains("no plan file " + home.resolve("nope.yaml") + ": pass the plan's YAML or JSON"
                + " with -f FILE");
        assertThat(directory.err()).contains("(it is a directory)");
        assertThat(empty.err()).contains("the plan file " + home.resolve("e.yaml") + " is empty");
        assertThat(binary.err()).contains("it is not UTF-8 text");
        assertThat(orchestrator.seen()).isEmpty();
    }

    // --- list -----------------------------------------------------------------------------------------------------

    @Test
    void listShowsEachPlansProgressAndFiltersByState() {
        Plan halted = PlanFixtures.midway().state("HALTED").failed("user-03", NOW, "INSTALL_FAILED", "exit 1")
                .waveState(1, "FAILED", NOW);
        Plan done = new Plan("plan-00000001", "SUCCEEDED", NOW.minus(Duration.ofDays(2)))
                .wave(new Wave(1, 0, Duration.ZERO, false), "user-01").waveState(0, "SUCCEEDED", NOW)
                .step("user-01", "SUCCEEDED", NOW);
        orchestrator.on("GET", "/api/v1/plans", 200, OrchestratorJson.list(List.of(halted.node(), done.node())));

        CommandRun run = fleetctl("plan", "list");
        CommandRun filtered = fleetctl("plan", "list", "--state", "halted");
        CommandRun bad = fleetctl("plan", "list", "--state", "LOST");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(
                "PLAN           NAME            TARGET        STATE      CLUSTERS DONE  FAILED  WAVE      CREATED BY  CREATED",
                "plan-1a2b3c4d  prod-to-1.5.10  1.5.10-asm.2  HALTED     1/6            1       1 FAILED  alice       2026-11-27T09:00:00Z",
                "plan-00000001  prod-to-1.5.10  1.5.10-asm.2  SUCCEEDED  1/1            0       -         alice       2026-11-25T10:00:00Z");
        assertThat(orchestrator.seen().get(1).path()).isEqualTo("/api/v1/plans?state=HALTED");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--state must be one of DRAFT, RUNNING, PAUSED, HALTED, SUCCEEDED, ABORTED");
        assertThat(filtered.exitCode()).isZero();
    }

    // --- actions --------------------------------------------------------------------------------------------------

    @Test
    void startSendsTheReasonAndPrintsTheNewState() {
        orchestrator.on("POST", "/api/v1/plans/plan-1a2b3c4d/start", 200, PlanFixtures.midway().json());

        CommandRun run = fleetctl("plan", "start", "plan-1a2b3c4d", "--reason", "CHG-1234: downgrade prod");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly("started plan plan-1a2b3c4d: now RUNNING",
                "follow it with: fleetctl plan status plan-1a2b3c4d --watch");
        StubService.Seen post = orchestrator.seen().get(0);
        assertThat(post.body()).isEqualTo("{\"reason\":\"CHG-1234: downgrade prod\"}");
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void everyActionPostsToItsOwnPath() {
        for (String action : new String[] {"pause", "resume", "abort", "approve"}) {
            orchestrator.on("POST", "/api/v1/plans/plan-1a2b3c4d/" + action, 200, PlanFixtures.midway().json());
            assertThat(fleetctl("plan", action, "plan-1a2b3c4d", "--reason", "r").exitCode()).as(action).isZero();
        }
        assertThat(orchestrator.seen()).extracting(StubService.Seen::path).containsExactly(
                "/api/v1/plans/plan-1a2b3c4d/pause", "/api/v1/plans/plan-1a2b3c4d/resume",
                "/api/v1/plans/plan-1a2b3c4d/abort", "/api/v1/plans/plan-1a2b3c4d/approve");
    }

    @Test
    void approveNamesTheWaveAndA403SaysTheApproverRoleIsNeeded() {
        orchestrator.on("POST", "/api/v1/plans/plan-1a2b3c4d/approve", 403, "");

        CommandRun run = fleetctl("plan", "approve", "plan-1a2b3c4d", "--wave", "2", "--reason", "CAB ok");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(orchestrator.seen().get(0).body()).isEqualTo("{\"reason\":\"CAB ok\",\"wave\":2}");
        assertThat(run.err()).contains("the orchestrator refused the call (403): it needs the role 'approver' in the"
                + " token's groups claim", "fleetctl token mint --key jwt-private.pem --subject $USER --role approver");
    }

    @Test
    void anActionTheStateDoesNotAllowShowsTheOrchestratorsReason() {
        orchestrator.on("POST", "/api/v1/plans/plan-1a2b3c4d/start", 409,
                OrchestratorJson.error("the plan is RUNNING; only a DRAFT plan can be started"));

        CommandRun run = fleetctl("plan", "start", "plan-1a2b3c4d", "--reason", "again");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("the orchestrator refused to start plan plan-1a2b3c4d (409): the plan is"
                + " RUNNING; only a DRAFT plan can be started");
    }

    @Test
    void anUnknownPlanSaysHowToListPlans() {
        orchestrator.on("POST", "/api/v1/plans/plan-nope/pause", 404, OrchestratorJson.error("no plan 'plan-nope'"));
        orchestrator.on("GET", "/api/v1/plans/plan-nope", 404, ""); // JAX-RS NotFoundException: no body

        CommandRun pause = fleetctl("plan", "pause", "plan-nope", "--reason", "x");
        CommandRun status = fleetctl("plan", "status", "plan-nope");

        for (CommandRun run : List.of(pause, status)) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("no plan 'plan-nope' on the orchestrator at " + orchestrator.url()
                    + "; list the plans with: fleetctl plan list");
        }
    }

    @Test
    void aReasonIsRequiredAndCheckedBeforeAnyCall() {
        CommandRun missing = fleetctl("plan", "abort", "plan-1a2b3c4d");
        CommandRun blank = fleetctl("plan", "abort", "plan-1a2b3c4d", "--reason", "  ");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--reason=TEXT'");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--reason must say why");
        assertThat(orchestrator.seen()).isEmpty();
    }

    @Test
    void retryPostsToTheClustersRetryAndPrintsItsNewAttempt() {
        Plan retried = PlanFixtures.midway().state("RUNNING").step("user-03", "AWAITING_ARTIFACT", NOW)
                .attempt("user-03", 2);
        orchestrator.on("POST", "/api/v1/plans/plan-1a2b3c4d/clusters/user-03/retry", 200, retried.json());

        CommandRun run = fleetctl("plan", "retry", "plan-1a2b3c4d", "--cluster", "user-03", "--reason", "node repaired");

        assertThat(run.exitCode()).isZero();
        assertThat(orchestrator.seen().get(0).body()).isEqualTo("{\"reason\":\"node repaired\"}");
        assertThat(run.outLines()).containsExactly(
                "retrying user-03 of plan plan-1a2b3c4d: AWAITING_ARTIFACT, attempt 2; plan RUNNING",
                "follow it with: fleetctl plan status plan-1a2b3c4d --watch");
    }

    // --- status ---------------------------------------------------------------------------------------------------

    @Test
    void statusPrintsThePictureOnce() {
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d", 200, PlanFixtures.midway().json());

        CommandRun run = fleetctl("plan", "status", "plan-1a2b3c4d");

        assertThat(run.exitCode()).isZero();
        // The pods come from the stand-in's ClusterViews: user-02 has 300 (3m of sidecars, 1m done), the others
        // are not reported (0 pods): user-03 has 5.5m of control plane left, user-04 starts when user-02 ends.
        assertThat(run.outLines()).startsWith(
                "plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  RUNNING  1/6 clusters done  ETA 55m",
                "wave 0 (canary)  SUCCEEDED         [####################]  1/1 done",
                "  user-01        SUCCEEDED         [####################]",
                "wave 1           RUNNING           [--------------------]  0/3 done  ETA 40m",
                "  user-02        ROLLING_SIDECARS  [##############------]            ETA 2m",
                "  user-03        INSTALLING        [########------------]            ETA 6m",
                "  user-04        PENDING           [--------------------]            ETA 10m");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void watchOnAPipePrintsOneLinePerChangeUntilThePlanSucceedsThenExits0() {
        Plan plan = PlanFixtures.midway();
        List<String> states = List.of(
                plan.json(),
                plan.json(),
                plan.step("user-02", "SUCCEEDED", NOW).step("user-03", "ROLLING_SIDECARS", NOW).json(),
                plan.step("user-03", "SUCCEEDED", NOW).step("user-04", "SUCCEEDED", NOW).step("user-05", "SUCCEEDED", NOW)
                        .step("user-06", "SUCCEEDED", NOW).waveState(1, "SUCCEEDED", NOW).waveState(2, "SUCCEEDED", NOW)
                        .state("SUCCEEDED").json());
        AtomicInteger polls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d",
                () -> new StubService.Answer(200, states.get(Math.min(polls.getAndIncrement(), states.size() - 1))));

        CommandRun run = fleetctl(false, "plan", "status", "plan-1a2b3c4d", "--watch", "--interval", "5s");

        assertThat(run.exitCode()).isZero();
        assertThat(polls).hasValue(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(run.out()).doesNotContain("\u001b[");
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  RUNNING");
        // the pause advanced the clock: each change line carries the time it was seen
        assertThat(lines).containsSubsequence(
                "2026-11-27T10:00:10Z  user-02 (wave 1)  SUCCEEDED",
                "2026-11-27T10:00:10Z  user-03 (wave 1)  ROLLING_SIDECARS  ETA 0s", // no pods reported: no sidecars
                "2026-11-27T10:00:15Z  wave 1  SUCCEEDED  3/3 done",
                "2026-11-27T10:00:15Z  plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  SUCCEEDED  6/6 clusters done",
                "plan plan-1a2b3c4d SUCCEEDED: every wave is done");
        assertThat(lines.stream().filter(l -> l.contains("user-02 (wave 1)"))).hasSize(1);
    }

    @Test
    void watchOnATerminalRedrawsThePictureInPlaceAndExits1WhenThePlanHalts() {
        Plan plan = PlanFixtures.midway();
        List<String> states = List.of(plan.json(),
                plan.failed("user-03", NOW, "INSTALL_FAILED", "istioctl exited 1").waveState(1, "FAILED", NOW)
                        .state("HALTED").json());
        AtomicInteger polls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d",
                () -> new StubService.Answer(200, states.get(Math.min(polls.getAndIncrement(), states.size() - 1))));

        CommandRun run = fleetctl(true, "plan", "status", "plan-1a2b3c4d", "--watch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
        int frame = PlanProgress.lines(PlanFixtures.midway().node(), Map.of(), NOW).size();
        // The second frame starts by moving the cursor up over the first and clearing the screen below.
        assertThat(run.out()).contains("\u001b[" + frame + "A\u001b[J" + "plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2"
                + "  HALTED");
        assertThat(run.out().indexOf("\u001b[")).isGreaterThan(run.out().indexOf("RUNNING"));
        assertThat(run.out()).contains("plan plan-1a2b3c4d HALTED: a wave had more failures than it tolerates",
                "fleetctl plan retry plan-1a2b3c4d --cluster C --reason");
    }

    @Test
    void watchOnATerminalShowsOnlyMovingClustersOfALargePlan() {
        String[] many = new String[PlanStatusCommand.COMPACT_ABOVE];
        for (int i = 0; i < many.length; i++) {
            many[i] = String.format("user-%03d", i + 10);
        }
        Plan plan = PlanFixtures.midway().wave(new Wave(4, 1, Duration.ZERO, false), many).state("SUCCEEDED");
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d", 200, plan.json());

        CommandRun live = fleetctl(true, "plan", "status", "plan-1a2b3c4d", "--watch");
        CommandRun once = fleetctl(true, "plan", "status", "plan-1a2b3c4d");

        assertThat(live.out()).contains("  user-02 ", "  user-03 ", "wave 3 ").doesNotContain("user-010", "user-05");
        assertThat(once.out()).contains("user-010", "user-039", "user-05");
    }

    @Test
    void watchOfAnAbortedPlanEndsAtOnceWithExit1() {
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d", 200, PlanFixtures.midway().state("ABORTED").json());

        CommandRun run = fleetctl(false, "plan", "status", "plan-1a2b3c4d", "--watch");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(pauses).isEmpty();
        assertThat(run.outLines()).last().isEqualTo("plan plan-1a2b3c4d ABORTED");
    }

    @Test
    void watchAsJsonPrintsOnePlanPerLine() {
        Plan plan = PlanFixtures.midway();
        List<String> states = List.of(plan.json(), plan.state("SUCCEEDED").json());
        AtomicInteger polls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d",
                () -> new StubService.Answer(200, states.get(Math.min(polls.getAndIncrement(), 1))));

        CommandRun run = fleetctl(true, "plan", "status", "plan-1a2b3c4d", "--watch", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"planId\":\"plan-1a2b3c4d\""));
        assertThat(orchestrator.seen()).noneMatch(seen -> seen.path().equals("/api/v1/clusters"));
    }

    @Test
    void watchRidesOutAnOrchestratorRestartButNotAnEndlessOutage() {
        Plan plan = PlanFixtures.midway();
        List<StubService.Answer> answers = List.of(new StubService.Answer(200, plan.json()),
                new StubService.Answer(503, ""), new StubService.Answer(502, ""),
                new StubService.Answer(200, plan.state("SUCCEEDED").json()));
        AtomicInteger polls = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d", () -> answers.get(polls.getAndIncrement()));

        CommandRun restart = fleetctl(false, "plan", "status", "plan-1a2b3c4d", "--watch");

        assertThat(restart.exitCode()).isZero();
        assertThat(restart.err()).contains("poll 1 of 5 failed, trying again in 2000 ms: the orchestrator answered 503",
                "poll 2 of 5 failed, trying again in 2000 ms: the orchestrator answered 502");
        assertThat(restart.outLines()).last().isEqualTo("plan plan-1a2b3c4d SUCCEEDED: every wave is done");

        AtomicInteger down = new AtomicInteger();
        orchestrator.on("GET", "/api/v1/plans/plan-1a2b3c4d", () -> down.getAndIncrement() == 0
                ? new StubService.Answer(200, PlanFixtures.midway().json()) : new StubService.Answer(503, ""));
        CommandRun outage = fleetctl(false, "plan", "status", "plan-1a2b3c4d", "--watch");

        assertThat(outage.exitCode()).isEqualTo(1);
        assertThat(down).hasValue(1 + PlanStatusCommand.MAX_FAILED_POLLS);
        assertThat(outage.err()).contains("poll 4 of 5 failed").doesNotContain("poll 5 of 5 failed");
        assertThat(outage.err().strip()).endsWith("\ngave up watching plan plan-1a2b3c4d after 5 failed polls in a row:"
                + " the orchestrator answered 503");
    }

    @Test
    void aTooShortIntervalIsAUsageError() {
        CommandRun run = fleetctl("plan", "status", "plan-1a2b3c4d", "--watch", "--interval", "10ms");
        CommandRun garbage = fleetctl("plan", "status", "plan-1a2b3c4d", "--interval", "often");
        CommandRun output = fleetctl("plan", "status", "plan-1a2b3c4d", "-o", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--interval': must be at least 100ms but was '10ms'");
        assertThat(garbage.err()).contains("expected a duration such as 500ms, 2s, 1m or PT2S but was 'often'");
        assertThat(output.err()).contains("Invalid value for option '--output': expected one of text, json but was 'yaml'");
        assertThat(orchestrator.seen()).isEmpty();
    }

    // --- where the orchestrator is, and tokens ---------------------------------------------------------------------

    @Test
    void aMissingOrRejectedTokenSaysHowToGetOne() {
        orchestrator.on("GET", "/api/v1/plans", 401, "");

        CommandRun none = run(Map.of("MESHFLEET_ORCHESTRATOR_URL", orchestrator.url()), false, "plan", "list");
        CommandRun expired = fleetctl("plan", "list");

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("the orchestrator at " + orchestrator.url() + " needs a bearer token (401) and"
                + " none was given", "fleetctl token mint --key jwt-private.pem --subject $USER --role viewer",
                "--token, MESHFLEET_TOKEN or token= in " + home.resolve(".config/meshfleet/fleetctl.properties"));
        assertThat(orchestrator.seen().get(0).header("Authorization")).isNull();
        assertThat(expired.err()).contains("refused the token (401): it is invalid, expired or signed by a key the"
                + " orchestrator does not trust", "fleetctl token mint", "MESHFLEET_TOKEN");
    }

    @Test
    void anUnreachableOrchestratorIsNamedWithHowToPointFleetctlAtIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home.resolve(".config/meshfleet"));
        Files.writeString(home.resolve(".config/meshfleet/fleetctl.properties"),
                "orchestrator-url=http://127.0.0.1:" + port + "\ntoken=from-file\n");

        CommandRun run = run(Map.of(), false, "plan", "status", "plan-1a2b3c4d");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach the orchestrator at http://127.0.0.1:" + port,
                "--orchestrator-url, MESHFLEET_ORCHESTRATOR_URL or orchestrator-url in "
                        + home.resolve(".config/meshfleet/fleetctl.properties"));
    }

    @Test
    void theOptionsOverrideTheEnvironment() {
        orchestrator.on("GET", "/api/v1/plans", 200, "[]");

        CommandRun run = run(Map.of("MESHFLEET_ORCHESTRATOR_URL", "http://127.0.0.1:1", "MESHFLEET_TOKEN", "env"), false,
                "plan", "list", "--orchestrator-url", orchestrator.url(), "--token", "flag");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no plans: create one with fleetctl plan create -f plan.yaml");
        assertThat(orchestrator.seen().get(0).header("Authorization")).isEqualTo("Bearer flag");
    }

    private CommandRun fleetctl(String... args) {
        return fleetctl(false, args);
    }

    private CommandRun fleetctl(boolean terminal, String... args) {
        return run(Map.of("MESHFLEET_ORCHESTRATOR_URL", orchestrator.url(), "MESHFLEET_TOKEN", "op-token"), terminal,
                args);
    }

    /** Runs fleetctl whose pause only records the wait and moves the clock on by it. */
    private CommandRun run(Map<String, String> environment, boolean terminal, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("HOME", home.toString());
        MovingClock clock = new MovingClock();
        Pause pause = duration -> {
            pauses.add(duration);
            clock.now = clock.now.plus(duration);
        };
        return CommandRun.of(new Fleetctl(clock, env, terminal, pause), args);
    }

    /** A clock that stands still until a pause moves it. */
    private static final class MovingClock extends Clock {
        java.time.Instant now = NOW;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

}
