package io.meshfleet.orchestrator.plan;

import io.meshfleet.events.Command;

/** What the decider wants done; the adapter persists, audits and sends, all in one transaction. */
public sealed interface Action {

    /** Send {@code command} (to an agent, signed, or to the roller) as part of the exchange {@code correlationId}. */
    record Send(Command command, String clusterId, String correlationId) implements Action {
    }

    /**
     * Write an audit entry.
     *
     * @param type      an {@link AuditType}
     * @param wave      the wave concerned, or null
     * @param clusterId the cluster concerned, or null
     * @param from      previous state, or null
     * @param to        new state (or the command type sent), or null
     * @param reason    why
     * @param actor     the operator (token subject), or {@link Decider#SYSTEM_ACTOR}
     */
    record Audit(AuditType type, Integer wave, String clusterId, String from, String to, String reason, String actor)
            implements Action {
    }

    /** An operator request that cannot be honoured in the plan's current state; nothing changed. */
    record Rejected(OperatorAction action, String reason) implements Action {
    }
}
