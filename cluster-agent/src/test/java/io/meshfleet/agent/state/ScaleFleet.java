package io.meshfleet.agent.state;

import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.util.List;

/**
 * fleet-sim fleets of many user clusters for the agent's start-up tests and bench: {@code user-0001} and on, each
 * with {@code namespaces} injected namespaces of two Deployments of {@code replicas} pods (5 and 5 is the system
 * tests' scale fleet: 50 pods a cluster), and the API of the {@code unavailable} clusters never answering.
 */
final class ScaleFleet {

    private ScaleFleet() {
    }

    static String name(int n) {
        return String.format("user-%04d", n);
    }

    static Scenario scenario(int clusters, int namespaces, int replicas, List<String> unavailable) {
        StringBuilder yaml = new StringBuilder("name: agent-scale\ntimeScale: 60\nclusters:\n");
        yaml.append("  - namePattern: user-%04d\n    count: ").append(clusters).append('\n');
        yaml.append("    mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}\n    namespaces:\n");
        for (int n = 1; n <= namespaces; n++) {
            yaml.append("      - name: app-").append(n).append("\n        injection: true\n        workloads:\n");
            yaml.append("          - {kind: Deployment, name: web, replicas: ").append(replicas).append("}\n");
            yaml.append("          - {kind: Deployment, name: api, replicas: ").append(replicas).append("}\n");
        }
        if (!unavailable.isEmpty()) {
            yaml.append("faults:\n  - type: API_UNAVAILABLE\n    clusters: [").append(String.join(", ", unavailable))
                    .append("]\n");
        }
        return ScenarioReader.read(yaml.toString(), "agent-scale");
    }
}
