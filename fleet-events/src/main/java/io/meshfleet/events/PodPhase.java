package io.meshfleet.events;

import java.util.Locale;
import java.util.Objects;

/** The Kubernetes pod phase. */
public enum PodPhase {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    UNKNOWN;

    /** Maps {@code status.phase} of a Kubernetes pod (e.g. {@code Running}); anything else maps to {@link #UNKNOWN}. */
    public static PodPhase fromKubernetes(String phase) {
        Objects.requireNonNull(phase, "phase is required");
        for (PodPhase candidate : values()) {
            if (candidate.name().equals(phase.toUpperCase(Locale.ROOT))) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
