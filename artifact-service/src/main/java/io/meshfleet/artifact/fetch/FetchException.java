package io.meshfleet.artifact.fetch;

/** A file could not be fetched from a {@link ReleaseSource}; {@link #problem()} says whether trying again may help. */
public final class FetchException extends Exception {

    /** What went wrong. */
    public enum Problem {
        /** The source has no such file (HTTP 404 or 410, or no such file in the directory). */
        NOT_FOUND(false),
        /** The file is larger than the configured bound. */
        TOO_LARGE(false),
        /** Anything else: connection refused or reset, a timeout, a 5xx; a later attempt may succeed. */
        UNAVAILABLE(true);

        private final boolean retryable;

        Problem(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Problem problem;

    public FetchException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public FetchException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
