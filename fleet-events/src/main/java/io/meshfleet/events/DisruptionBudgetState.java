package io.meshfleet.events;

import java.util.List;

/**
 * One PodDisruptionBudget of a namespace as an agent observed it: which workloads' pods it selects and
 * how many of them may be disrupted right now. The sidecar roller restarts a covered workload only while
 * the budget allows a disruption, and never two covered workloads at once.
 *
 * @param name               the PodDisruptionBudget name
 * @param workloads          the workloads whose pods the budget's selector matches
 * @param disruptionsAllowed the budget's {@code status.disruptionsAllowed}: 0 means a restart now would
 *                           break the budget
 */
public record DisruptionBudgetState(String name, List<WorkloadRef> workloads, int disruptionsAllowed) {

    public DisruptionBudgetState {
        Require.nonBlank(name, "name");
        workloads = Require.list(workloads, "workloads");
        Require.notNegative(disruptionsAllowed, "disruptionsAllowed");
    }
}
