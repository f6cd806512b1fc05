package io.meshfleet.agent.kube;

import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The fleet-sim fleet of the agent's KubeTests ({@code agent-fleet.yaml}) and connections to its clusters. */
public final class TestFleet {

    private TestFleet() {
    }

    /** The scenario, optionally at another time scale. */
    public static Scenario scenario() {
        try (InputStream in = TestFleet.class.getResourceAsStream("agent-fleet.yaml")) {
            return ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "agent-fleet.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the fleet with its kubeconfigs in {@code dir}. */
    public static FleetSim start(Path dir) {
        return FleetSim.start(scenario(), dir);
    }

    /** A connection to {@code cluster} through the fleet's shared kubeconfig, as the agent makes it. */
    public static ClusterConnection connect(FleetSim fleet, String cluster) {
        return ClusterConnection.fromKubeconfig(cluster, fleet.kubeconfig(), cluster);
    }
}
