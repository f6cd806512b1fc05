package io.meshfleet.orchestrator.audit;

/**
 * The outcome of checking the whole hash chain.
 *
 * @param valid       whether every entry's hash and link is intact
 * @param checked     entries checked (up to and including the first broken one)
 * @param firstBroken the seq of the first broken entry, or null
 * @param problem     what is wrong with it, or null
 */
public record Verification(boolean valid, long checked, Long firstBroken, String problem) {
}
