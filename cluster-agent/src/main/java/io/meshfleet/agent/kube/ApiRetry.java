package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an idempotent Kubernetes API operation again when it failed for a reason that the next attempt does not share:
 * the connection went away ({@link IOException}s, and Vert.x's {@link HttpClosedException}, which fabric8 does not
 * retry itself: a pooled keep-alive connection that the API server closed just as it was reused), or the server said
 * "try again" (429, 500, 502, 503, 504). Anything else (403, 404, 409, 422, a bug) fails at once. {@link #describe}
 * says what such a failure was, for logs and answers.
 *
 * <p>Found by the 1,000-cluster system test: one restart command's read of its Deployment met a closed connection,
 * the command failed, and its roll waited out the namespace deadline (an hour) for a restart that never happened.
 */
public final class ApiRetry {

    /** Waits between attempts (a real sleep in the service; recorded in tests). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(ApiRetry.class);
    private static final Set<Integer> TRY_AGAIN = Set.of(429, 500, 502, 503, 504);

    private final int attempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    /**
     * @param attempts     attempts in all, at least 1
     * @param firstBackoff the wait before the second attempt, doubled before each further one
     * @param sleeper      how to wait
     */
    public ApiRetry(int attempts, Duration firstBackoff, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** Four attempts, 0.5 s, 1 s and 2 s apart. */
    public static ApiRetry standard() {
        return new ApiRetry(4, Duration.ofMillis(500), duration -> Thread.sleep(duration.toMillis()));
    }

    /** Whether {@code failure} (or a cause of it) is one that another attempt may not meet. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof HttpClosedException) {
                return true;
            }
            if (t instanceof KubernetesClientException k && TRY_AGAIN.contains(k.getCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code operation}'s result, trying again after a transient failure.
     *
     * @param what what the operation does, for the log
     * @throws RuntimeException the last failure, when it is not transient or no attempt is left
     */
    public <T> T call(String what, Supplier<T> operation) throws InterruptedException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                LOG.warnf("%s: attempt %d of %d failed (%s), trying again in %d ms", what, attempt, attempts,
                        e instanceof KubernetesClientException k ? describe(k) : e.toString(), backoff.toMillis());
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /** What a fabric8 failure says: the HTTP status when the server answered, else the transport's cause. */
    public static String describe(KubernetesClientException e) {
        StringBuilder text = new StringBuilder(e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "no answer: ");
        text.append(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; ").append(cause.getClass().getSimpleName()).append(cause.getMessage() == null ? ""
                    : ": " + cause.getMessage());
        }
        return text.toString();
    }
}
