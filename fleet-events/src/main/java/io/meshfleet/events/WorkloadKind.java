package io.meshfleet.events;

import java.util.Objects;

/** The kind of a workload whose pods carry sidecars, as meshfleet distinguishes them when restarting. */
public enum WorkloadKind {
    /** Restarted like {@code kubectl rollout restart deployment}. */
    DEPLOYMENT("Deployment"),
    /** Restarted through its pod template annotation, like a Deployment. */
    STATEFUL_SET("StatefulSet"),
    /** Restarted through its pod template annotation, like a Deployment. */
    DAEMON_SET("DaemonSet"),
    /** Its pods are deleted only when policy allows it; a deleted Job pod is not recreated. */
    JOB("Job"),
    /** A pod without a controller: deleted only when policy allows bare pod deletion. */
    POD("Pod"),
    /** Owned by a controller meshfleet does not know how to restart, e.g. a custom resource. */
    OTHER("");

    private final String kubernetesKind;

    WorkloadKind(String kubernetesKind) {
        this.kubernetesKind = kubernetesKind;
    }

    /** The Kubernetes {@code kind}, or an empty string for {@link #OTHER}. */
    public String kubernetesKind() {
        return kubernetesKind;
    }

    /** Maps a Kubernetes {@code kind} to its workload kind; unknown kinds map to {@link #OTHER}. */
    public static WorkloadKind fromKubernetes(String kind) {
        Objects.requireNonNull(kind, "kind is required");
        for (WorkloadKind candidate : values()) {
            if (candidate != OTHER && candidate.kubernetesKind.equals(kind)) {
                return candidate;
            }
        }
        return OTHER;
    }
}
