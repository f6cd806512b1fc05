package io.meshfleet.roller.roll;

import io.meshfleet.events.WorkloadRef;

/**
 * A workload restarted for a roll and the pods it had when restarted (what it cost in the budgets).
 *
 * @param ref  the workload
 * @param pods its pod count at the restart
 */
public record RestartedWorkload(WorkloadRef ref, int pods) {
}
