package io.meshfleet.orchestrator.plan;

/** Why a cluster failed; recorded in the audit trail and shown by the API. */
public enum FailureReason {
    /** The target release was rejected by artifact-service; needs an operator (another release or key). */
    ARTIFACT_REJECTED,
    /** A preflight check failed; needs an operator to fix the cluster, then retry. */
    PREFLIGHT_FAILED,
    /** The agent reported a failed install. Retryable. */
    INSTALL_FAILED,
    /** The agent refused a command (expired, bad signature, ...). Retryable once the cause is fixed. */
    COMMAND_REFUSED,
    /** sidecar-roller reported a namespace that did not converge. */
    ROLL_FAILED,
    /** A smoke test failed. */
    SMOKE_TEST_FAILED,
    /** A waiting step took longer than its deadline. Retryable. */
    DEADLINE_EXCEEDED,
    /** The plan was aborted while the cluster was being changed. */
    ABORTED
}
