package io.meshfleet.sim.fleet;

import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.fleet.FleetRecorder.PodEventType;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The recorder over a bare store: what counts as a restart, and installs per cluster. */
class FleetRecorderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void recordsPodsCreatedDeletedAndGoneByWorkload() {
        ClusterStore store = new ClusterStore("c1", clock);
        ObjectNode ns = Json.object();
        ns.putObject("metadata").put("name", "shop");
        store.create(NAMESPACES, null, ns);
        store.create(PODS, "shop", pod("seeded", null));
        FleetRecorder recorder = new FleetRecorder(clock);
        recorder.attach(store);
        // Keep graceful deletions Terminating, as the simulated kubelet does.
        store.terminationHook((type, pod) -> false);

        store.create(PODS, "shop", pod("cart-abc12-x1", "cart-abc12"));
        store.delete(PODS, "shop", "cart-abc12-x1");
        store.delete(PODS, "shop", "cart-abc12-x1", DeleteOptions.immediately());
        store.delete(PODS, "shop", "seeded", DeleteOptions.immediately());

        assertThat(recorder.podEvents()).extracting(e -> e.pod() + " " + e.workload() + " " + e.type()).containsExactly(
                "cart-abc12-x1 cart CREATED", "cart-abc12-x1 cart DELETED", "cart-abc12-x1 cart GONE",
                "seeded seeded DELETED", "seeded seeded GONE");
        assertThat(recorder.restarts("c1")).isEqualTo(2);
        assertThat(recorder.restarts("c1", "shop", "cart")).isEqualTo(1);
        assertThat(recorder.created("c1", "shop", "cart")).isEqualTo(1);
        assertThat(recorder.podEvents(e -> e.type() == PodEventType.GONE)).hasSize(2);
        recorder.close();
    }

    @Test
    void countsInstallsPerCluster() {
        FleetRecorder recorder = new FleetRecorder(clock);
        recorder.installStarted("c1", "meshfleet-install", "r1", "1.5.10-asm.2", clock.instant());
        recorder.installFinished("c1", "meshfleet-install", "r1", "1.5.10-asm.2", "HEALTHY", "", clock.instant());
        recorder.installStarted("c2", "upgrade", "generation-1", "1.5.10-asm.2", clock.instant());
        assertThat(recorder.installs("c1")).isEqualTo(1);
        assertThat(recorder.installs("c2")).isEqualTo(1);
        assertThat(recorder.installs("c3")).isZero();
        assertThat(recorder.installEvents()).extracting(FleetRecorder.InstallEvent::phase)
                .containsExactly("STARTED", "HEALTHY", "STARTED");
        recorder.clear();
        assertThat(recorder.installEvents()).isEmpty();
    }

    private static ObjectNode pod(String name, String replicaSet) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name);
        if (replicaSet != null) {
            meta.putObject("labels").put("pod-template-hash", replicaSet.substring(replicaSet.lastIndexOf('-') + 1));
            meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", "ReplicaSet")
                    .put("name", replicaSet).put("uid", "rs-uid").put("controller", true);
        }
        ObjectNode spec = pod.putObject("spec").put("nodeName", "node-1");
        spec.putArray("containers").addObject().put("name", "app").put("image", "app:1");
        return pod;
    }
}
