package io.meshfleet.orchestrator.plan;

import java.util.List;
import java.util.Map;

/**
 * Everything the decider sees besides the rollout and the time.
 *
 * @param observations what happened since the last pass, in arrival order
 * @param facts        the inventory's view of the plan's clusters in flight (the only ones the decider reads), by id
 * @param artifacts    verification state of the plan's platform archive, by version
 */
public record Inputs(List<Observation> observations, Map<String, ClusterFacts> facts,
                     Map<String, ArtifactStatus> artifacts) {

    public Inputs {
        observations = List.copyOf(observations);
        facts = Map.copyOf(facts);
        artifacts = Map.copyOf(artifacts);
    }

    ArtifactStatus artifact(String version) {
        return version == null ? ArtifactStatus.UNKNOWN : artifacts.getOrDefault(version, ArtifactStatus.UNKNOWN);
    }
}
