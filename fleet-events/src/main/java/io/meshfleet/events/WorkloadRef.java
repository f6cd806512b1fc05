package io.meshfleet.events;

/**
 * Names one workload in a namespace known from context.
 *
 * @param kind the workload kind
 * @param name the workload name (the pod name for {@link WorkloadKind#POD})
 */
public record WorkloadRef(WorkloadKind kind, String name) {

    public WorkloadRef {
        Require.nonNull(kind, "kind");
        Require.nonBlank(name, "name");
    }
}
