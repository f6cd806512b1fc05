package io.meshfleet.roller.roll;

import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.WorkloadRef;
import java.time.Instant;
import java.util.List;

/**
 * What a decision pass of a {@link SidecarRoll} decided, as data: the adapter persists each action and
 * sends the messages it implies. Replaying the persisted actions rebuilds the roll after a restart.
 */
public sealed interface RollAction {

    /** The namespaces of the roll, in the order they will be rolled. */
    record NamespacesPlanned(List<String> namespaces) implements RollAction {
        public NamespacesPlanned {
            namespaces = List.copyOf(namespaces);
        }
    }

    /** A namespace started rolling; it must converge by {@code deadline}. */
    record NamespaceStarted(String namespace, Instant at, Instant deadline) implements RollAction {
    }

    /** The deadline of a rolling namespace moved, by the time the roll was paused. */
    record DeadlineMoved(String namespace, Instant deadline) implements RollAction {
    }

    /** Restart these workloads of a namespace now: one signed RestartWorkloads to the cluster's agent. */
    record RestartIssued(String namespace, List<RestartedWorkload> workloads, Instant at) implements RollAction {
        public RestartIssued {
            workloads = List.copyOf(workloads);
        }

        /** The pods of all workloads of this batch. */
        public int pods() {
            return workloads.stream().mapToInt(RestartedWorkload::pods).sum();
        }
    }

    /** A workload that needs a restart but waits, and why (a PodDisruptionBudget, an unrestartable kind). */
    record WorkloadBlocked(String namespace, WorkloadRef workload, String reason) implements RollAction {
    }

    /** Publish the progress of a namespace. */
    record ProgressReported(NamespaceProgress progress) implements RollAction {
    }

    /** A namespace converged. */
    record NamespaceSucceeded(NamespaceConverged event) implements RollAction {
    }

    /** A namespace failed (event has the namespace), or the whole roll did (event without a namespace). */
    record Failed(RollFailed event) implements RollAction {
    }

    /** A namespace will never start: an earlier one failed and the roll stops at the first failure. */
    record NamespaceSkipped(String namespace) implements RollAction {
    }

    /** The roll's status changed. */
    record StatusChanged(RollStatus status, Instant at) implements RollAction {
    }
}
