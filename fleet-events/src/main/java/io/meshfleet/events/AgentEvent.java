package io.meshfleet.events;

/** A report from the cluster agent of one cluster on {@link Topics#AGENT_EVENTS}, keyed by clusterId. */
public sealed interface AgentEvent extends Event
        permits PreflightResult, InstallProgress, InstallResult, RestartExecuted, SmokeTestResult, CommandRefused {

    /** The cluster the agent reports about. */
    String clusterId();

    @Override
    default String topic() {
        return Topics.AGENT_EVENTS;
    }

    @Override
    default String key() {
        return clusterId();
    }
}
