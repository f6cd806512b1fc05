package io.meshfleet.orchestrator.api;

/**
 * The body of an operator action.
 *
 * @param reason why (required; recorded in the audit trail)
 * @param wave   for approve: the wave to approve (optional: the one awaiting approval)
 */
public record ActionRequest(String reason, Integer wave) {
}
