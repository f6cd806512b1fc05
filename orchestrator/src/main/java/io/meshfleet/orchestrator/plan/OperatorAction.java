package io.meshfleet.orchestrator.plan;

/** What an operator can ask of a plan; each is recorded in the audit trail with its actor and reason. */
public enum OperatorAction {
    START, PAUSE, RESUME, ABORT, APPROVE, RETRY
}
