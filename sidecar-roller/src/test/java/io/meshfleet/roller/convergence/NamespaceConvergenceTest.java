package io.meshfleet.roller.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodProblem;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamespaceConvergenceTest {

    private static final String TARGET = "1.5.10-asm.2";

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of(pod(PodPhase.RUNNING, 2, 2, 0, TARGET), null),
                Arguments.of(pod(PodPhase.RUNNING, 2, 2, 0, "1.6.14-asm.1"), "proxy at 1.6.14-asm.1, target " + TARGET),
                Arguments.of(pod(PodPhase.RUNNING, 1, 2, 5, TARGET), "crash-looping: 1/2 ready after 5 restarts"),
                Arguments.of(pod(PodPhase.RUNNING, 1, 2, 2, TARGET), "not ready: 1/2 (RUNNING)"),
                Arguments.of(pod(PodPhase.PENDING, 0, 2, 0, TARGET), "not ready: 0/2 (PENDING)"),
                Arguments.of(pod(PodPhase.RUNNING, 1, 1, 0, null), "no sidecar proxy"));
    }

    @ParameterizedTest
    @MethodSource("pods")
    void eachPodIsConvergedOrSaysWhyNot(PodState pod, String problem) {
        NamespaceConvergence result = NamespaceConvergence.of(namespace(pod), TARGET);

        assertThat(result.total()).isEqualTo(1);
        if (problem == null) {
            assertThat(result.converged()).isEqualTo(1);
            assertThat(result.isConverged()).isTrue();
            assertThat(result.problems()).isEmpty();
        } else {
            assertThat(result.converged()).isZero();
            assertThat(result.isConverged()).isFalse();
            assertThat(result.problems()).containsExactly(new PodProblem("p", problem));
        }
    }

    @org.junit.jupiter.api.Test
    void anEmptyNamespaceIsConverged() {
        assertThat(NamespaceConvergence.of(new NamespaceState("empty", true, List.of()), TARGET).isConverged()).isTrue();
    }

    private static PodState pod(PodPhase phase, int ready, int total, int restarts, String proxy) {
        return new PodState("p", phase, ready, total, restarts, proxy, "ReplicaSet", "rs");
    }

    private static NamespaceState namespace(PodState pod) {
        return new NamespaceState("shop", true, List.of(new WorkloadState(WorkloadKind.DEPLOYMENT, "web", 1,
                List.of(pod))));
    }
}
