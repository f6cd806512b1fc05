package io.meshfleet.events.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void aNonceIsAdmittedOnceWhileValid() {
        ReplayGuard guard = new ReplayGuard();

        assertThat(guard.firstSeen("n1", T0.plusSeconds(60), T0)).isTrue();
        assertThat(guard.firstSeen("n1", T0.plusSeconds(60), T0.plusSeconds(30))).isFalse();
        assertThat(guard.firstSeen("n1", T0.plusSeconds(60), T0.plusSeconds(60))).isFalse();
        assertThat(guard.firstSeen("n2", T0.plusSeconds(60), T0.plusSeconds(30))).isTrue();
    }

    @Test
    void nonceIsForgottenOnlyAfterItsCommandExpired() {
        ReplayGuard guard = new ReplayGuard();
        guard.firstSeen("short", T0.plusSeconds(10), T0);
        guard.firstSeen("long", T0.plusSeconds(300), T0);

        assertThat(guard.size(T0.plusSeconds(10))).isEqualTo(2);
        assertThat(guard.size(T0.plusSeconds(11))).isEqualTo(1);
        assertThat(guard.size(T0.plusSeconds(301))).isZero();
    }

    @Test
    void memoryIsBoundedByRateTimesTtl() {
        ReplayGuard guard = new ReplayGuard();
        // Ten commands a second, each valid for 60 s, for an hour.
        for (int i = 0; i < 36_000; i++) {
            Instant now = T0.plusMillis(100L * i);
            assertThat(guard.firstSeen("n" + i, now.plusSeconds(60), now)).isTrue();
        }
        assertThat(guard.size(T0.plusMillis(100L * 35_999))).isBetween(600, 601);
    }
}
