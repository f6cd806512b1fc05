package io.meshfleet.roller.roll;

import static io.meshfleet.roller.roll.RollDriver.T0;
import static io.meshfleet.roller.roll.RollDriver.restarted;
import static io.meshfleet.roller.roll.SimulatedCluster.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.PodProblem;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.roll.RollAction.Failed;
import io.meshfleet.roller.roll.RollAction.NamespaceStarted;
import io.meshfleet.roller.roll.RollAction.NamespaceSucceeded;
import io.meshfleet.roller.roll.RollAction.ProgressReported;
import io.meshfleet.roller.roll.RollAction.RestartIssued;
import io.meshfleet.roller.roll.RollAction.WorkloadBlocked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SidecarRollTest {

    private static RollSidecars roll(List<String> namespaces, SidecarLimits limits, int deadline) {
        return roll(namespaces, limits, deadline, NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER);
    }

    private static RollSidecars roll(List<String> namespaces, SidecarLimits limits, int deadline, NamespaceOrder order,
            NamespaceFailurePolicy policy) {
        return new RollSidecars("plan-1", "c1", namespaces, TARGET, limits, deadline, order, policy);
    }

    private static SimulatedCluster singlePods(String namespace, int count) {
        SimulatedCluster cluster = new SimulatedCluster("c1");
        IntStream.range(0, count).forEach(i -> cluster.deployment(namespace, "w" + i, 1));
        return cluster;
    }

    static Stream<Arguments> firstPassLimits() {
        // pods per workload, workloads, limits -> pods restarted by the first pass
        return Stream.of(
                Arguments.of(1, 10, new SidecarLimits(100, 3, "100%"), 3),   // cluster rate
                Arguments.of(1, 10, new SidecarLimits(4, 100, "100%"), 4),   // namespace rate
                Arguments.of(1, 8, new SidecarLimits(100, 100, "25%"), 2),   // maxUnavailable as a percentage
                Arguments.of(1, 8, new SidecarLimits(100, 100, "3"), 3),     // maxUnavailable as a count
                Arguments.of(5, 4, new SidecarLimits(100, 100, "10%"), 5),   // a workload over maxUnavailable goes alone
                Arguments.of(5, 4, new SidecarLimits(100, 12, "100%"), 10)); // whole workloads only: 2 of 5 pods fit 12
    }

    @ParameterizedTest(name = "{1} workloads of {0} pods under {2}: first pass restarts {3} pods")
    @MethodSource("firstPassLimits")
    void theFirstPassRestartsNoMoreThanEveryLimitAllows(int podsEach, int workloads, SidecarLimits limits, int pods) {
        SimulatedCluster cluster = new SimulatedCluster("c1");
        IntStream.range(0, workloads).forEach(i -> cluster.deployment("shop", "w" + i, podsEach));
        RollDriver driver = new RollDriver(cluster, roll(List.of(), limits, 3600), 4);

        List<RollAction> first = driver.step();

        assertThat(first.stream().filter(RestartIssued.class::isInstance).map(RestartIssued.class::cast)
                .mapToInt(RestartIssued::pods).sum()).isEqualTo(pods);
        assertThat(first.stream().filter(RestartIssued.class::isInstance)).as("one command per namespace per pass")
                .hasSize(1);
    }

    @Test
    void theClusterRateHoldsInEverySixtySecondWindow() {
        RollDriver driver = new RollDriver(singlePods("shop", 20).convergeAfter(Duration.ofSeconds(5)),
                roll(List.of(), new SidecarLimits(100, 3, "100%"), 3600), 4);

        driver.run(400, 1);

        List<RestartIssued> issued = driver.all(RestartIssued.class);
        for (RestartIssued window : issued) {
            int inWindow = issued.stream().filter(r -> !r.at().isBefore(window.at())
                    && r.at().isBefore(window.at().plusSeconds(60))).mapToInt(RestartIssued::pods).sum();
            assertThat(inWindow).as("pods restarted in the minute from " + window.at()).isLessThanOrEqualTo(3);
        }
        assertThat(driver.roll.status()).isEqualTo(RollStatus.SUCCEEDED);
        assertThat(issued.get(issued.size() - 1).at()).as("20 pods at 3/min: the last batch in minute 7")
                .isEqualTo(T0.plusSeconds(6 * 60));
    }

    @Test
    void maxUnavailableWaitsForTheRestartedPodsToConverge() {
        RollDriver driver = new RollDriver(singlePods("shop", 8).convergeAfter(Duration.ofSeconds(30)),
                roll(List.of(), new SidecarLimits(100, 100, "25%"), 3600), 4);

        assertThat(restarted(driver.step())).containsExactly("w0", "w1");
        driver.now = T0.plusSeconds(29);
        assertThat(restarted(driver.step())).isEmpty();
        driver.now = T0.plusSeconds(30);
        assertThat(restarted(driver.step())).containsExactly("w2", "w3");
    }

    @Test
    void aWorkloadWhosePodDisruptionBudgetAllowsNoDisruptionWaitsAndIsReportedNotForced() {
        SimulatedCluster cluster = singlePods("shop", 3).budget("shop", "w0-pdb", 0, "w0");
        RollDriver driver = new RollDriver(cluster, roll(List.of(), new SidecarLimits(100, 100, "100%"), 120), 4);

        assertThat(restarted(driver.step())).containsExactly("w1", "w2");
        assertThat(driver.all(WorkloadBlocked.class)).containsExactly(new WorkloadBlocked("shop",
                new WorkloadRef(WorkloadKind.DEPLOYMENT, "w0"), "PodDisruptionBudget w0-pdb allows no disruption now"));
        assertThat(driver.roll.blockedWorkloads()).isEqualTo(1);

        driver.run(200, 10);

        assertThat(cluster.restarts("shop", "w0")).isZero();
        RollFailed failed = driver.all(Failed.class).get(0).event();
        assertThat(failed.reason()).isEqualTo(SidecarRoll.DEADLINE_EXCEEDED);
        assertThat(failed.pods()).containsExactly(new PodProblem("w0-0-0", "proxy at 1.6.14-asm.1, target " + TARGET
                + "; not restarted: PodDisruptionBudget w0-pdb allows no disruption now"));
    }

    @Test
    void workloadsUnderOneBudgetRestartOneAfterTheOtherOnceItAllowsADisruption() {
        SimulatedCluster cluster = singlePods("shop", 2).budget("shop", "pdb", 1, "w0", "w1")
                .convergeAfter(Duration.ofSeconds(20));
        RollDriver driver = new RollDriver(cluster, roll(List.of(), new SidecarLimits(100, 100, "100%"), 600), 4);

        assertThat(restarted(driver.step())).containsExactly("w0");
        driver.now = T0.plusSeconds(10);
        assertThat(restarted(driver.step())).isEmpty();
        driver.now = T0.plusSeconds(20);
        assertThat(restarted(driver.step())).containsExactly("w1");
    }

    @Test
    void aBigWorkloadIsNotStarvedBySmallOnes() {
        // "big" (10 pods) is the head of namespace b; namespace a has a long stream of one-pod workloads.
        SimulatedCluster cluster = singlePods("a", 60).convergeAfter(Duration.ofSeconds(1));
        cluster.deployment("b", "small-first", 1).deployment("b", "big", 10);
        RollDriver driver = new RollDriver(cluster, roll(List.of("a", "b"), new SidecarLimits(100, 10, "100%"), 3600), 2);

        driver.run(240, 1);

        assertThat(cluster.restarts("b", "big")).as("restarted within four minutes at 10 pods/min").isEqualTo(1);
    }

    @Test
    void aNamespaceBudgetIsNotTakenByAnother() {
        SimulatedCluster cluster = singlePods("busy", 30);
        IntStream.range(0, 5).forEach(i -> cluster.deployment("quiet", "q" + i, 1));
        RollDriver driver = new RollDriver(cluster, roll(List.of("busy", "quiet"), new SidecarLimits(5, 100, "100%"), 3600), 2);

        List<String> first = restarted(driver.step());

        assertThat(first.stream().filter(n -> n.startsWith("w"))).hasSize(5);
        assertThat(first.stream().filter(n -> n.startsWith("q"))).hasSize(5);
    }

    @Test
    void aCrashLoopingRestartedPodFailsTheNamespaceAtOnceNamingIt() {
        SimulatedCluster cluster = singlePods("shop", 4).crashLoopsAfterRestart("shop", "w1")
                .convergeAfter(Duration.ofSeconds(30));
        RollDriver driver = new RollDriver(cluster, roll(List.of(), new SidecarLimits(100, 100, "50%"), 3600), 4);

        driver.run(60, 10);

        RollFailed failed = driver.all(Failed.class).get(0).event();
        assertThat(failed.reason()).isEqualTo(SidecarRoll.CRASH_LOOPING);
        assertThat(failed.namespace()).isEqualTo("shop");
        assertThat(failed.pods()).contains(new PodProblem("w1-1-0", "crash-looping: 1/2 ready after 5 restarts"));
        assertThat(failed.pods()).extracting(PodProblem::name).doesNotContain("w0-1-0");
        assertThat(driver.roll.status()).isEqualTo(RollStatus.FAILED);
        assertThat(cluster.restarts("shop", "w2")).as("nothing restarted onto the broken proxy after the failure")
                .isZero();
    }

    @Test
    void theCrashLoopingPodsComeFirstInTheFailure() {
        // w0 (first in the namespace) is held back by its PDB and stays on the old proxy; w2 crash-loops.
        SimulatedCluster cluster = singlePods("shop", 3).budget("shop", "w0-pdb", 0, "w0")
                .crashLoopsAfterRestart("shop", "w2");
        RollDriver driver = new RollDriver(cluster, roll(List.of(), new SidecarLimits(100, 100, "100%"), 3600), 4);

        driver.run(60, 10);

        RollFailed failed = driver.all(Failed.class).get(0).event();
        assertThat(failed.pods()).extracting(PodProblem::name).containsExactly("w2-1-0", "w0-0-0");
    }

    @Test
    void aNamespaceThatMissesItsDeadlineFailsNamingPendingAndOldPods() {
        SimulatedCluster cluster = singlePods("shop", 3).convergeAfter(Duration.ofSeconds(300));
        cluster.workload("shop", WorkloadKind.POD, "debug", 1);
        RollDriver driver = new RollDriver(cluster, roll(List.of(), new SidecarLimits(100, 100, "100%"), 60), 4);

        driver.run(120, 10);

        List<Failed> failed = driver.all(Failed.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).event().reason()).isEqualTo(SidecarRoll.DEADLINE_EXCEEDED);
        assertThat(failed.get(0).event().pods()).containsExactly(
                new PodProblem("w0-1-0", "not ready: 0/2 (PENDING)"),
                new PodProblem("w1-1-0", "not ready: 0/2 (PENDING)"),
                new PodProblem("w2-1-0", "not ready: 0/2 (PENDING)"),
                new PodProblem("debug-0-0", "proxy at 1.6.14-asm.1, target " + TARGET + "; not restarted: a bare Pod pod"
                        + " is only deleted when bare pod deletion is allowed (meshfleet.roller.allow-bare-pod-deletion);"
                        + " delete it by hand"));
        assertThat(driver.now).isBefore(T0.plusSeconds(80));
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(List.of("b", "c", "a"), NamespaceOrder.AS_LISTED, List.of("b", "c", "a")),
                Arguments.of(List.of("b", "c", "a"), NamespaceOrder.BY_NAME, List.of("a", "b", "c")),
                Arguments.of(List.of(), NamespaceOrder.AS_LISTED, List.of("c", "a", "b")),
                Arguments.of(List.of(), NamespaceOrder.BY_NAME, List.of("a", "b", "c")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("orders")
    void namespacesStartOneAfterTheOtherInTheirOrder(List<String> listed, NamespaceOrder order, List<String> started) {
        SimulatedCluster cluster = new SimulatedCluster("c1").convergeAfter(Duration.ofSeconds(10));
        for (String ns : List.of("c", "a", "b")) {
            cluster.deployment(ns, ns + "-web", 2);
        }
        RollDriver driver = new RollDriver(cluster, roll(listed, new SidecarLimits(100, 100, "100%"), 600, order,
                NamespaceFailurePolicy.STOP_CLUSTER), 1);

        driver.run(120, 5);

        assertThat(driver.all(NamespaceStarted.class)).extracting(NamespaceStarted::namespace).containsExactlyElementsOf(started);
        List<NamespaceStarted> starts = driver.all(NamespaceStarted.class);
        assertThat(starts.get(1).at()).as("the next starts only when the first has no restart left to issue")
                .isAfter(starts.get(0).at());
        assertThat(driver.all(NamespaceSucceeded.class)).hasSize(3);
        assertThat(driver.roll.status()).isEqualTo(RollStatus.SUCCEEDED);
    }

    @org.junit.jupiter.api.Test
    void namespacesStartInTheOrderOfALabelFromTheStateReport() {
        SimulatedCluster cluster = new SimulatedCluster("c1").convergeAfter(Duration.ofSeconds(10));
        for (String ns : List.of("c", "a", "b", "d")) {
            cluster.deployment(ns, ns + "-web", 2);
        }
        cluster.labels("c", Map.of("wave", "1")).labels("a", Map.of("wave", "10")).labels("b", Map.of("wave", "2"));
        RollDriver driver = new RollDriver(cluster, new RollSidecars("plan-1", "c1", List.of(), TARGET,
                new SidecarLimits(100, 100, "100%"), 600, NamespaceOrder.BY_LABEL, NamespaceFailurePolicy.STOP_CLUSTER,
                "wave"), 1);

        driver.run(120, 5);

        assertThat(driver.all(NamespaceStarted.class)).extracting(NamespaceStarted::namespace)
                .containsExactly("c", "b", "a", "d");
        assertThat(driver.roll.status()).isEqualTo(RollStatus.SUCCEEDED);
    }

    static Stream<Arguments> failurePolicies() {
        return Stream.of(
                Arguments.of(NamespaceFailurePolicy.STOP_CLUSTER, 0, NamespacePhase.SKIPPED),
                Arguments.of(NamespaceFailurePolicy.CONTINUE, 1, NamespacePhase.CONVERGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failurePolicies")
    void aFailedNamespaceStopsTheClusterUnlessTheRollContinues(NamespaceFailurePolicy policy, int laterRestarts,
            NamespacePhase laterPhase) {
        SimulatedCluster cluster = new SimulatedCluster("c1").convergeAfter(Duration.ofSeconds(10))
                .deployment("first", "bad", 1).crashLoopsAfterRestart("first", "bad").deployment("later", "web", 1);
        RollDriver driver = new RollDriver(cluster, roll(List.of("first", "later"), new SidecarLimits(100, 100, "100%"),
                600, NamespaceOrder.AS_LISTED, policy), 1);

        driver.run(300, 5);

        assertThat(cluster.restarts("later", "web")).isEqualTo(laterRestarts);
        assertThat(driver.roll.namespaces()).extracting(SidecarRoll.NamespaceView::phase)
                .containsExactly(NamespacePhase.FAILED, laterPhase);
        assertThat(driver.roll.status()).isEqualTo(RollStatus.FAILED);
    }

    @Test
    void aPausedRollStartsNoRestartAndItsDeadlinesMoveByThePause() {
        RollDriver driver = new RollDriver(singlePods("shop", 6).convergeAfter(Duration.ofSeconds(5)),
                roll(List.of(), new SidecarLimits(2, 100, "100%"), 100), 4);
        assertThat(restarted(driver.step())).hasSize(2);

        driver.roll.pause(T0.plusSeconds(1));
        driver.now = T0.plusSeconds(500);
        assertThat(restarted(driver.step())).isEmpty();
        assertThat(driver.all(Failed.class)).as("no deadline runs out while paused").isEmpty();

        assertThat(driver.roll.resume(T0.plusSeconds(501))).contains(new RollAction.DeadlineMoved("shop",
                T0.plusSeconds(100 + 500)));
        assertThat(restarted(driver.step())).hasSize(2);
    }

    @Test
    void anAbortedRollRestartsNothingMoreAndSaysSo() {
        RollDriver driver = new RollDriver(singlePods("shop", 6), roll(List.of(), new SidecarLimits(2, 100, "100%"), 100), 4);
        driver.step();

        List<RollAction> aborted = driver.roll.abort(T0.plusSeconds(1));
        driver.now = T0.plusSeconds(120);

        assertThat(aborted).contains(new Failed(new RollFailed("plan-1", "c1", null, SidecarRoll.ABORTED, List.of())));
        assertThat(driver.step()).isEmpty();
        assertThat(driver.roll.status()).isEqualTo(RollStatus.ABORTED);
    }

    @Test
    void aRollRebuiltFromItsActionsRestartsNoWorkloadTwiceAndKeepsTheBudget() {
        SimulatedCluster cluster = singlePods("shop", 10).convergeAfter(Duration.ofSeconds(300));
        RollSidecars command = roll(List.of(), new SidecarLimits(100, 4, "100%"), 3600);
        RollDriver before = new RollDriver(cluster, command, 4);
        before.step();
        before.now = T0.plusSeconds(61);
        before.step();
        assertThat(cluster.totalRestarts()).isEqualTo(8);

        // A new roller process: the roll replayed from its persisted actions, the budget from the restarts of the last minute.
        SidecarRoll rebuilt = new SidecarRoll(command, new SidecarRoll.Settings(4, false));
        before.actions.forEach(rebuilt::apply);
        Pacer pacer = new Pacer(100_000);
        before.all(RestartIssued.class).stream().filter(r -> r.at().isAfter(T0.plusSeconds(2)))
                .forEach(r -> r.workloads().forEach(w -> pacer.spend("c1", r.namespace(), w.ref().name(), w.pods(), r.at())));
        RollDriver after = new RollDriver(cluster, rebuilt, pacer);
        after.now = T0.plusSeconds(62);
        assertThat(restarted(after.step())).as("the cluster's 4 pods/min are spent").isEmpty();
        after.now = T0.plusSeconds(121);
        assertThat(restarted(after.step())).containsExactly("w8", "w9");
        after.run(600, 10);

        assertThat(IntStream.range(0, 10).map(i -> cluster.restarts("shop", "w" + i))).containsOnly(1);
        assertThat(rebuilt.status()).isEqualTo(RollStatus.SUCCEEDED);
    }

    @Test
    void progressIsReportedWhenItChangesAndAConvergedNamespaceSaysSo() {
        RollDriver driver = new RollDriver(singlePods("shop", 2).converged("shop", "w1").convergeAfter(Duration.ofSeconds(10)),
                roll(List.of(), new SidecarLimits(100, 60, "100%"), 600), 4);

        driver.run(30, 5);

        List<Integer> converged = new ArrayList<>();
        driver.all(ProgressReported.class).forEach(p -> converged.add(p.progress().converged()));
        assertThat(converged).containsExactly(1, 2);
        assertThat(driver.all(ProgressReported.class).get(0).progress().restarted()).isEqualTo(1);
        assertThat(driver.all(ProgressReported.class).get(0).progress().etaSeconds()).isEqualTo(1);
        assertThat(driver.all(NamespaceSucceeded.class)).extracting(n -> n.event().pods()).containsExactly(2);
        assertThat(driver.roll.status()).isEqualTo(RollStatus.SUCCEEDED);
    }
}
