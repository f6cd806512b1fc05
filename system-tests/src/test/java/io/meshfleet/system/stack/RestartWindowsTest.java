package io.meshfleet.system.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.sim.fleet.FleetRecorder.PodEvent;
import io.meshfleet.sim.fleet.FleetRecorder.PodEventType;
import io.meshfleet.system.stack.RestartWindows.Restart;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The judge of the system tests' limits: windows are half-open 60 s spans starting anywhere. */
class RestartWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private static Restart at(double seconds, String namespace, int pods) {
        return new Restart(T0.plusMillis((long) (seconds * 1000)), "c", namespace, namespace + "-w" + seconds, pods);
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("nothing", List.of(), 0),
                Arguments.of("one restart counts its pods", List.of(at(0, "a", 3)), 3),
                Arguments.of("exactly 60 s apart: two windows (the token is back)",
                        List.of(at(0, "a", 5), at(60, "a", 5)), 5),
                Arguments.of("59.9 s apart: one window", List.of(at(0, "a", 5), at(59.9, "a", 1)), 6),
                Arguments.of("the worst window starts at a restart, not at zero",
                        List.of(at(0, "a", 1), at(30, "a", 4), at(70, "a", 4), at(95, "a", 1)), 8),
                Arguments.of("unsorted input", List.of(at(70, "a", 4), at(0, "a", 1), at(30, "a", 4)), 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void theMostPodsInAnySixtySecondWindow(String name, List<Restart> restarts, int expected) {
        assertThat(new RestartWindows(restarts).maxFleet()).isEqualTo(expected);
    }

    @Test
    void namespacesAndClustersAreJudgedApartAndTheRateCountsTheLastWindow() {
        RestartWindows windows = new RestartWindows(List.of(at(0, "a", 4), at(1, "b", 4), at(60, "a", 4),
                new Restart(T0.plusSeconds(2), "d", "a", "x", 7)));
        assertThat(windows.maxPerNamespace()).isEqualTo(Map.of("c/a", 4, "c/b", 4, "d/a", 7));
        assertThat(windows.maxPerCluster()).isEqualTo(Map.of("c", 8, "d", 7));
        assertThat(windows.maxFleet()).isEqualTo(15);
        assertThat(windows.pods()).isEqualTo(19);
        assertThat(windows.achievedPerMinute()).isEqualTo(19 / 2.0);
    }

    @Test
    void fleetRecordsGiveOneRestartPerWorkloadAtItsFirstNewPodAndCountSecondRestarts() {
        List<PodEvent> events = List.of(
                pod(-5, "c", "shop", "web", "web-a", PodEventType.DELETED, "old"), // before the roll: ignored
                pod(1, "c", "shop", "web", "web-b", PodEventType.CREATED, "new"),
                pod(2, "c", "shop", "web", "web-a1", PodEventType.DELETED, "old"),
                pod(2, "c", "shop", "web", "web-a1", PodEventType.GONE, "old"),
                pod(3, "c", "shop", "web", "web-c", PodEventType.CREATED, "new"),
                pod(4, "c", "shop", "web", "web-a2", PodEventType.DELETED, "old"),
                pod(9, "c", "shop", "web", "web-b", PodEventType.DELETED, "new"),
                pod(5, "other", "shop", "web", "x", PodEventType.CREATED, "new"));

        FleetRestarts restarts = FleetRestarts.of(events, Set.of("c"), "new", T0);

        assertThat(restarts.workloads()).containsExactly(new FleetRestarts.Workload("c", "shop", "web",
                T0.plusSeconds(1), 2, 2, 1));
        assertThat(restarts.windows().restarts()).containsExactly(new Restart(T0.plusSeconds(1), "c", "shop", "web", 3));
        assertThat(restarts.workload("c", "shop", "none").created()).isZero();
    }

    private static PodEvent pod(int seconds, String cluster, String namespace, String workload, String pod,
                                PodEventType type, String proxy) {
        return new PodEvent(T0.plusSeconds(seconds), cluster, namespace, workload, pod, type, proxy);
    }
}
