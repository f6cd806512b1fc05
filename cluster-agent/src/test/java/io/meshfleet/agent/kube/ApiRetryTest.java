package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiRetryTest {

    private final List<Duration> waits = new ArrayList<>();
    private final ApiRetry retry = new ApiRetry(4, Duration.ofMillis(500), waits::add);

    /** What fabric8 threw in the 1,000-cluster run: a GET on a pooled connection the server had closed. */
    private static KubernetesClientException staleConnection() {
        return new KubernetesClientException("Connection was closed", new HttpClosedException("Connection was closed"));
    }

    @Test
    void aStaleConnectionIsTriedAgainAndTheSecondAttemptsResultReturned() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call("restart shop/cart on c1", () -> {
            if (calls.incrementAndGet() == 1) {
                throw staleConnection();
            }
            return "restarted";
        });
        assertThat(result).isEqualTo("restarted");
        assertThat(calls).hasValue(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastFailureAndDoubledWaits() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("restart", () -> {
            calls.incrementAndGet();
            throw new KubernetesClientException("unavailable", 503, null);
        })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("unavailable");
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRefusalOrABugFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("restart", () -> {
            calls.incrementAndGet();
            throw new KubernetesClientException("forbidden", 403, null);
        })).hasMessageContaining("forbidden");
        assertThatThrownBy(() -> retry.call("restart", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        })).hasMessage("bug");
        assertThat(calls).hasValue(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void whatCountsAsTransient() {
        assertThat(ApiRetry.isTransient(staleConnection())).isTrue();
        assertThat(ApiRetry.isTransient(new KubernetesClientException("io", new ConnectException("refused")))).isTrue();
        assertThat(ApiRetry.isTransient(new RuntimeException(new IOException("reset")))).isTrue();
        for (int code : new int[] {429, 500, 502, 503, 504}) {
            assertThat(ApiRetry.isTransient(new KubernetesClientException("x", code, null))).as("%d", code).isTrue();
        }
        for (int code : new int[] {400, 401, 403, 404, 409, 422}) {
            assertThat(ApiRetry.isTransient(new KubernetesClientException("x", code, null))).as("%d", code).isFalse();
        }
        assertThat(ApiRetry.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new ApiRetry(0, Duration.ZERO, waits::add)).hasMessageContaining("at least 1");
    }
}
