package io.meshfleet.fleetctl.api;

/** A service call that failed, with a message that says what to do and the exit code it means. */
public final class ApiException extends Exception {

    /** Exit code when the service answered with an error (4xx, 5xx). */
    public static final int EXIT_REFUSED = 1;
    /** Exit code when the service could not be reached or the invocation is wrong. */
    public static final int EXIT_UNREACHABLE = 2;

    private final int exitCode;
    private final int status;

    public ApiException(int exitCode, int status, String message) {
        super(message);
        this.exitCode = exitCode;
        this.status = status;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }
}
