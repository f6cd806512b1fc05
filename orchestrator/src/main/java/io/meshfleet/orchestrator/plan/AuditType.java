package io.meshfleet.orchestrator.plan;

/** The kinds of audit entries. */
public enum AuditType {
    PLAN_CREATED, PLAN_STATE, WAVE_STATE, CLUSTER_STEP, COMMAND_SENT, OPERATOR_ACTION, OPERATOR_REJECTED
}
