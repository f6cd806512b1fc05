package io.meshfleet.system.roller;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.PodProblem;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.sim.controllers.PodView;
import io.meshfleet.sim.store.Selector;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 6: shop/cart's pods crash-loop on the target proxy (fleet-sim's CRASH_LOOP_ON_PROXY_VERSION): the roll ends in
 * {@code RollFailed} on fleet.roller.events naming every pod of shop that did not converge and why, as fleet-sim holds
 * them: the new cart pod crash-looping, the old ones still at the old proxy (the Deployment's rollout is stuck).
 */
@ExtendWith(RollerStack.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RollerStack.ROLLER_PROCESS, mode = ResourceAccessMode.READ)
class CrashLoopIT {

    private static final String CLUSTER = RollerStack.CRASHLOOP;

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void aProxyThatCrashLoopsEndsTheRollInRollFailedNamingThePodsAndWhy() {
        stack.publish(Rolls.rollSidecars("plan-crashloop", CLUSTER, new SidecarLimits(100, 100, "100%"), 300));

        RollFailed failed = stack.events().await(RollFailed.class, f -> f.planId().equals("plan-crashloop"),
                Duration.ofMinutes(2));

        assertThat(failed.clusterId()).isEqualTo(CLUSTER);
        assertThat(failed.namespace()).isEqualTo("shop");
        assertThat(failed.reason()).isEqualTo("CRASH_LOOPING");
        List<PodView> cart = stack.fleet().cluster(CLUSTER).store().list(PODS, "shop", Selector.labels("app=cart"))
                .nodes().stream().map(PodView::of).filter(PodView::active).toList();
        List<PodView> crashing = cart.stream().filter(p -> RollerStack.TARGET.equals(p.proxyVersion())).toList();
        List<PodView> old = cart.stream().filter(p -> RollerStack.OLD.equals(p.proxyVersion())).toList();
        assertThat(crashing).as("fleet-sim: cart's new pod crash-loops").isNotEmpty().allSatisfy(p ->
                assertThat(p.container("istio-proxy").crashLooping()).isTrue());
        assertThat(old).as("fleet-sim: the stuck rollout keeps cart's old pods").isNotEmpty();
        Map<String, String> named = failed.pods().stream().collect(Collectors.toMap(PodProblem::name, PodProblem::problem));
        System.out.println("[system roller] " + CLUSTER + ": RollFailed " + failed.reason() + " " + failed.namespace() + " "
                + failed.pods());
        for (PodView pod : crashing) {
            assertThat(named.get(pod.name())).as(pod.name()).startsWith("crash-looping: 1/2 ready after");
        }
        for (PodView pod : old) {
            assertThat(named.get(pod.name())).as(pod.name())
                    .isEqualTo("proxy at " + RollerStack.OLD + ", target " + RollerStack.TARGET);
        }
        assertThat(named.keySet()).as("only cart's pods failed to converge").containsExactlyInAnyOrderElementsOf(
                cart.stream().map(PodView::name).toList());
    }
}
