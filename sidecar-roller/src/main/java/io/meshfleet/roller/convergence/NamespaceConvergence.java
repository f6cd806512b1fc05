package io.meshfleet.roller.convergence;

import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodProblem;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadState;
import java.util.ArrayList;
import java.util.List;

/**
 * How far one namespace is from running every pod READY n/n with its sidecar proxy at the target
 * version. Pure: computed from a state report alone.
 *
 * @param total pods in the namespace's workloads
 * @param converged pods READY n/n at the target proxy version
 * @param problems one entry per pod that is not converged, saying why
 */
public record NamespaceConvergence(String namespace, int total, int converged, List<PodProblem> problems) {

    /** A pod that has restarted at least this often without becoming ready is reported as crash-looping. */
    public static final int CRASH_LOOP_RESTARTS = 3;

    public NamespaceConvergence {
        problems = List.copyOf(problems);
    }

    /** True when every pod has converged. */
    public boolean isConverged() {
        return converged == total;
    }

    /** Evaluates a namespace against the target proxy version. */
    public static NamespaceConvergence of(NamespaceState namespace, String targetProxyVersion) {
        int total = 0;
        int converged = 0;
        List<PodProblem> problems = new ArrayList<>();
        for (WorkloadState workload : namespace.workloads()) {
            for (PodState pod : workload.pods()) {
                total++;
                String problem = problem(pod, targetProxyVersion);
                if (problem == null) {
                    converged++;
                } else {
                    problems.add(new PodProblem(pod.name(), problem));
                }
            }
        }
        return new NamespaceConvergence(namespace.name(), total, converged, problems);
    }

    /** Whether every pod of {@code workload} is READY n/n at {@code target}; a workload without pods is. */
    public static boolean converged(WorkloadState workload, String target) {
        return workload.pods().stream().allMatch(pod -> pod.convergedAt(target));
    }

    /** Whether a restart would change {@code workload}: some pod runs another proxy version, or none. */
    public static boolean needsRestart(WorkloadState workload, String target) {
        return workload.pods().stream().anyMatch(pod -> !target.equals(pod.proxyVersion()));
    }

    /**
     * The pods of {@code workload} that already run {@code target} but crash: not ready after at least
     * {@link #CRASH_LOOP_RESTARTS} restarts. Such a pod will not converge by waiting, and restarting more
     * workloads onto the same proxy spreads the fault.
     */
    public static List<PodProblem> crashLooping(WorkloadState workload, String target) {
        return workload.pods().stream()
                .filter(pod -> crashLoops(pod, target))
                .map(pod -> new PodProblem(pod.name(), problem(pod, target)))
                .toList();
    }

    /** Whether {@code pod} runs {@code target} and is not ready after {@link #CRASH_LOOP_RESTARTS} restarts or more. */
    public static boolean crashLoops(PodState pod, String target) {
        return target.equals(pod.proxyVersion()) && !pod.allReady() && pod.restarts() >= CRASH_LOOP_RESTARTS;
    }

    /** Why {@code pod} has not converged at {@code target}, or null when it has. */
    public static String problem(PodState pod, String target) {
        if (pod.convergedAt(target)) {
            return null;
        }
        boolean ready = pod.allReady();
        if (!ready && pod.restarts() >= CRASH_LOOP_RESTARTS) {
            return "crash-looping: " + pod.ready() + "/" + pod.total() + " ready after " + pod.restarts() + " restarts";
        }
        if (!ready) {
            return "not ready: " + pod.ready() + "/" + pod.total() + " (" + pod.phase() + ")";
        }
        if (pod.proxyVersion() == null) {
            return "no sidecar proxy";
        }
        return "proxy at " + pod.proxyVersion() + ", target " + target;
    }
}
