package io.meshfleet.events;

/** A message that instructs its consumer to do something; named in the imperative. */
public sealed interface Command extends Message permits ArtifactCommand, AgentCommand, RollerCommand {
}
