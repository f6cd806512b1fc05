package io.meshfleet.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.PodProblem;
import io.meshfleet.events.RollFailed;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RollFailuresTest {

    @Test
    void namesEveryPodThatDidNotConvergeWithItsProblem() {
        RollFailed failed = new RollFailed("plan-1", "user-01", "shop", "CRASH_LOOPING",
                List.of(new PodProblem("frontend-7d9-abc", "CrashLoopBackOff"), new PodProblem("cart-5f-x", "READY 1/2")));

        assertThat(RollFailures.describe(failed))
                .isEqualTo("CRASH_LOOPING: frontend-7d9-abc (CrashLoopBackOff), cart-5f-x (READY 1/2)");
    }

    @Test
    void aLongListNamesTheFirstPodsAndCountsTheRest() {
        List<PodProblem> pods = IntStream.rangeClosed(1, 8).mapToObj(i -> new PodProblem("web-" + i, "proxy 1.6.14"))
                .toList();

        assertThat(RollFailures.describe(new RollFailed("plan-1", "user-01", "shop", "DEADLINE_EXCEEDED", pods)))
                .isEqualTo("DEADLINE_EXCEEDED: web-1 (proxy 1.6.14), web-2 (proxy 1.6.14), web-3 (proxy 1.6.14),"
                        + " web-4 (proxy 1.6.14), web-5 (proxy 1.6.14) and 3 more");
    }

    @Test
    void withoutPodsTheReasonAlone() {
        assertThat(RollFailures.describe(new RollFailed("plan-1", "user-01", null, "CLUSTER_UNREACHABLE", List.of())))
                .isEqualTo("CLUSTER_UNREACHABLE");
    }
}
