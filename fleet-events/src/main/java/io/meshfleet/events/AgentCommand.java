package io.meshfleet.events;

/**
 * A command to the cluster agent of one cluster on {@link Topics#AGENT_COMMANDS}, keyed by clusterId.
 *
 * <p>These are the only signed messages: an agent executes one only when
 * {@code io.meshfleet.events.signing.CommandVerifier} accepts its envelope.
 */
public sealed interface AgentCommand extends Command
        permits Preflight, InstallControlPlane, RestartWorkloads, RunSmokeTests {

    /** The cluster that must execute this command. */
    String clusterId();

    @Override
    default String topic() {
        return Topics.AGENT_COMMANDS;
    }

    @Override
    default String key() {
        return clusterId();
    }
}
