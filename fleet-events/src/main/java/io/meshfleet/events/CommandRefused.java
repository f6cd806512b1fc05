package io.meshfleet.events;

/**
 * An agent did not execute a command; every refusal is reported so that it shows in the audit trail.
 *
 * @param clusterId   the cluster whose agent refused
 * @param commandId   the envelope id of the refused command
 * @param commandType the envelope type of the refused command, e.g. {@code meshfleet.InstallControlPlane}
 * @param reason      why it was refused
 * @param detail      details for a person
 */
public record CommandRefused(
        String clusterId,
        String commandId,
        String commandType,
        RefusalReason reason,
        String detail) implements AgentEvent {

    public CommandRefused {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(commandId, "commandId");
        Require.nonBlank(commandType, "commandType");
        Require.nonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
