package io.meshfleet.system.stack;

import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.fleet.ClusterSeed;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.fleet.InstalledState;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoredObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * Puts a new control plane into simulated clusters the way an in-cluster operator would (an IstioOperator in
 * istio-system, the path cluster-agent's {@code operator} adapter takes): fleet-sim's installer replaces istiod, and
 * from then on its sidecar injector gives new pods the new proxy. A roll's target proxy version comes from there, as
 * after step 3 of the seed procedure.
 */
public final class ControlPlanes {

    /** The IstioOperator's name, as the agent's operator adapter names it. */
    public static final String OPERATOR = "meshfleet-control-plane";

    private ControlPlanes() {
    }

    /** Starts an install of {@code version} (asm-multicloud) in every one of {@code clusters}. */
    public static void install(FleetSim fleet, List<String> clusters, String version) {
        for (String cluster : clusters) {
            ObjectNode operator = Json.object().put("apiVersion", "install.istio.io/v1alpha1").put("kind", "IstioOperator");
            operator.putObject("metadata").put("name", OPERATOR).put("namespace", "istio-system");
            operator.set("spec", InstalledState.spec(version, "asm-multicloud", ClusterSeed.HUB, Map.of()));
            fleet.cluster(cluster).store().create(ISTIO_OPERATORS, "istio-system", operator);
        }
    }

    /** Waits until the install in each of {@code clusters} is HEALTHY (new istiod ready, old pods gone). */
    public static void awaitHealthy(FleetSim fleet, List<String> clusters, Duration timeout) {
        Awaitility.await("control plane installs HEALTHY").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.stream().allMatch(cluster -> status(fleet, cluster).equals("HEALTHY")));
    }

    private static String status(FleetSim fleet, String cluster) {
        Optional<StoredObject> operator = fleet.cluster(cluster).store().find(ISTIO_OPERATORS, "istio-system", OPERATOR);
        return operator.map(o -> o.node().path("status").path("status").asText("")).orElse("");
    }
}
