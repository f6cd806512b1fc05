package io.meshfleet.events;

/** A message that reports something that happened or was observed; named in the past tense. */
public sealed interface Event extends Message permits ArtifactEvent, AgentEvent, RollerEvent, ClusterState {
}
