package io.meshfleet.sim.store;

/** The subresources a simulated resource may offer. */
public enum Subresource {
    /** {@code .../status}: PUT and PATCH change only {@code .status}; the main resource ignores it. */
    STATUS("status"),
    /** {@code .../scale}: an {@code autoscaling/v1 Scale} view of {@code spec.replicas}. */
    SCALE("scale"),
    /** {@code pods/eviction}: a delete that honours PodDisruptionBudgets. */
    EVICTION("eviction");

    private final String path;

    Subresource(String path) {
        this.path = path;
    }

    /** The path segment. */
    public String path() {
        return path;
    }

    /** The subresource named by a path segment, or null. */
    public static Subresource fromPath(String segment) {
        for (Subresource s : values()) {
            if (s.path.equals(segment)) {
                return s;
            }
        }
        return null;
    }
}
