package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.agent.model.ControlPlaneVerdict.Outcome;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When an install is done, still waiting, or failed at its deadline, as a person reading istio-system would judge. */
class InstallJudgeTest {

    private static final String NEW = "1.5.10-asm.2";
    private static final String OLD = "1.6.14-asm.1";
    private static final Instant DEADLINE = Instant.parse("2026-11-27T01:00:00Z");
    private static final Instant BEFORE = DEADLINE.minusSeconds(1);

    private static PodObservation istiod(String name, String version, boolean ready) {
        return new PodObservation("istio-system", new PodState(name, PodPhase.RUNNING, ready ? 1 : 0, 1, 0, null,
                "Deployment", "istiod"), version);
    }

    private static PodObservation gateway(String name, String version, boolean ready) {
        return new PodObservation("istio-system", new PodState(name, PodPhase.RUNNING, ready ? 1 : 0, 1, 0, version,
                "Deployment", "istio-ingressgateway"), null);
    }

    private static PodObservation addon(String name) {
        return new PodObservation("istio-system", new PodState(name, PodPhase.RUNNING, 1, 1, 0, null, "Deployment",
                "prometheus"), null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("new ready, old gone", List.of(istiod("istiod-n1", NEW, true), istiod("istiod-n2", NEW, true),
                        gateway("gw-n1", NEW, true), addon("prometheus-1")), BEFORE, Outcome.DONE, "2/2 ready"),
                Arguments.of("old istiod still terminating", List.of(istiod("istiod-n1", NEW, true),
                        istiod("istiod-o1", OLD, true)), BEFORE, Outcome.WAITING, "old pods left: istiod-o1 (" + OLD + ")"),
                Arguments.of("old gateway left", List.of(istiod("istiod-n1", NEW, true), gateway("gw-o1", OLD, true)),
                        BEFORE, Outcome.WAITING, "gw-o1"),
                Arguments.of("new istiod not ready yet", List.of(istiod("istiod-n1", NEW, false)), BEFORE,
                        Outcome.WAITING, "not ready: istiod-n1 RUNNING 0/1"),
                Arguments.of("no istiod at all", List.of(), BEFORE, Outcome.WAITING, "0/0 ready"),
                Arguments.of("never ready, deadline passed", List.of(istiod("istiod-n1", NEW, false),
                        istiod("istiod-o1", OLD, true)), DEADLINE, Outcome.FAILED, "did not converge at " + NEW),
                Arguments.of("done exactly at the deadline still counts", List.of(istiod("istiod-n1", NEW, true)),
                        DEADLINE, Outcome.DONE, "1/1 ready"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void judges(String name, List<PodObservation> pods, Instant now, Outcome outcome, String detail) {
        ControlPlaneVerdict verdict = InstallJudge.judge(pods, NEW, DEADLINE, now);

        assertThat(verdict.outcome()).isEqualTo(outcome);
        assertThat(verdict.detail()).contains(detail);
        assertThat(verdict.reason()).isEqualTo(outcome == Outcome.FAILED ? InstallJudge.TIMEOUT : null);
    }
}
