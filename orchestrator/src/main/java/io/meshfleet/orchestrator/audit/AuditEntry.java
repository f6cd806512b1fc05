package io.meshfleet.orchestrator.audit;

import java.time.Instant;

/**
 * One entry of the audit trail: who did or decided what, to which plan, wave, cluster and namespace.
 *
 * @param seq           position in the trail (the paging cursor)
 * @param at            when, to the microsecond
 * @param actor         the operator (JWT subject) or {@code orchestrator}
 * @param planId        the plan, or null
 * @param wave          the wave, or null
 * @param clusterId     the cluster, or null
 * @param namespace     the namespace, or null
 * @param type          what kind of entry (plan state, cluster step, operator action, ...)
 * @param from          the previous state, or null
 * @param to            the new state, or null
 * @param reason        why
 * @param correlationId the exchange with agents and the roller this entry belongs to, or null
 * @param prevHash      the previous entry's hash (64 zeros for the first)
 * @param hash          SHA-256 over prevHash and every field above, see {@link AuditHash}
 */
public record AuditEntry(long seq, Instant at, String actor, String planId, Integer wave, String clusterId,
                         String namespace, String type, String from, String to, String reason, String correlationId,
                         String prevHash, String hash) {
}
