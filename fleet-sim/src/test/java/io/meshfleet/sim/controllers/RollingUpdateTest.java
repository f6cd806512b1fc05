package io.meshfleet.sim.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.controllers.RollingUpdate.Limits;
import io.meshfleet.sim.controllers.RollingUpdate.ReplicaSetState;
import io.meshfleet.sim.store.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rolling-update arithmetic, table-driven against what upstream's rolling.go decides. */
class RollingUpdateTest {

    static Stream<Arguments> limits() {
        return Stream.of(
                // replicas, maxSurge, maxUnavailable -> surge, unavailable
                Arguments.of(4, null, null, 1, 1),
                Arguments.of(3, null, null, 1, 0),
                Arguments.of(1, null, null, 1, 0),
                Arguments.of(10, "25%", "25%", 3, 2),
                Arguments.of(10, "100%", "25%", 10, 2),
                Arguments.of(2, 0, 0, 0, 1),
                Arguments.of(5, 2, "40%", 2, 2));
    }

    @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2}")
    @MethodSource("limits")
    void surgeRoundsUpAndUnavailabilityDown(int replicas, Object surge, Object unavailable, int expectedSurge,
                                            int expectedUnavailable) {
        ObjectNode rollingUpdate = Json.object();
        put(rollingUpdate, "maxSurge", surge);
        put(rollingUpdate, "maxUnavailable", unavailable);
        assertThat(Limits.of(replicas, rollingUpdate))
                .isEqualTo(new Limits(replicas, expectedSurge, expectedUnavailable));
    }

    static Stream<Arguments> plans() {
        ReplicaSetState fresh = new ReplicaSetState("new", 0, 0);
        return Stream.of(
                Arguments.of("start: surge one new pod, nothing may go yet",
                        new Limits(3, 1, 0), fresh, List.of(new ReplicaSetState("old", 3, 3)),
                        Map.of("new", 1)),
                Arguments.of("the new pod is not available yet: wait",
                        new Limits(3, 1, 0), new ReplicaSetState("new", 1, 0), List.of(new ReplicaSetState("old", 3, 3)),
                        Map.of()),
                Arguments.of("the new pod is available: one old pod goes",
                        new Limits(3, 1, 0), new ReplicaSetState("new", 1, 1), List.of(new ReplicaSetState("old", 3, 3)),
                        Map.of("old", 2)),
                Arguments.of("one unavailable allowed: surge and scale down together",
                        new Limits(4, 1, 1), fresh, List.of(new ReplicaSetState("old", 4, 4)),
                        Map.of("new", 1, "old", 3)),
                Arguments.of("unhealthy old pods are cleaned up first",
                        new Limits(4, 1, 1), new ReplicaSetState("new", 1, 1),
                        List.of(new ReplicaSetState("older", 1, 0), new ReplicaSetState("old", 3, 3)),
                        Map.of("older", 0, "old", 2)),
                Arguments.of("no old pods: the new set gets every replica",
                        new Limits(5, 1, 1), new ReplicaSetState("new", 2, 2), List.of(),
                        Map.of("new", 5)),
                Arguments.of("scaled down: the new set shrinks to replicas",
                        new Limits(2, 1, 0), new ReplicaSetState("new", 4, 4), List.of(),
                        Map.of("new", 2)),
                Arguments.of("done: nothing changes",
                        new Limits(3, 1, 0), new ReplicaSetState("new", 3, 3), List.of(new ReplicaSetState("old", 0, 0)),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansTheNextScaling(String why, Limits limits, ReplicaSetState newSet, List<ReplicaSetState> oldSets,
                             Map<String, Integer> expected) {
        assertThat(RollingUpdate.plan(limits, newSet, oldSets)).as(why).isEqualTo(expected);
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value != null) {
            node.put(field, value.toString());
        }
    }
}
