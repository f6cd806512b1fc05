package io.meshfleet.release.extract;

/**
 * An extracted archive that is not the complete release expected. Never worth retrying with the same
 * archive: the mirror holds the wrong file, or the release is broken.
 */
public final class ReleaseLayoutException extends Exception {

    /** What is wrong with the layout. */
    public enum Problem {
        /** The staging dir does not hold exactly one directory {@code istio-<version>/} and nothing else. */
        NO_SINGLE_TOP_DIRECTORY,
        /** The top directory names another version than the one expected. */
        VERSION_MISMATCH,
        /** {@code bin/istioctl} ({@code bin/istioctl.exe} on Windows) is missing, not a regular file, or not executable. */
        INCOMPLETE
    }

    private final Problem problem;

    public ReleaseLayoutException(Problem problem, String detail) {
        super(problem + ": " + detail);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
