package io.meshfleet.roller.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    static Stream<Arguments> windows() {
        // spent at T0, asked at T0 + seconds, pods asked, limit -> allowed
        return Stream.of(
                Arguments.of(0, 0, 100, 100, true),
                Arguments.of(0, 0, 101, 100, true),     // a workload bigger than the limit goes alone
                Arguments.of(1, 0, 101, 100, false),    // ... but not while anything else is in the window
                Arguments.of(60, 0, 41, 100, false),
                Arguments.of(60, 0, 40, 100, true),
                Arguments.of(100, 59, 1, 100, false),   // a token comes back only 60 s after it was spent
                Arguments.of(100, 60, 100, 100, true));
    }

    @ParameterizedTest(name = "spent {0}, asked {2} after {1} s under {3}/min -> {4}")
    @MethodSource("windows")
    void aSpentTokenComesBackExactlyAMinuteLater(int spent, int afterSeconds, int pods, int limit, boolean allowed) {
        RateWindow window = new RateWindow();
        window.spend(T0, spent);

        assertThat(window.allows(T0.plusSeconds(afterSeconds), pods, limit)).isEqualTo(allowed);
    }

    @Test
    void aNamespaceBudgetIsItsOwn() {
        Pacer pacer = new Pacer(1000);
        pacer.spend("c", "a", "w", 10, T0);

        assertThat(pacer.check("c", "a", "w", 1, 10, 100, T0)).contains(Limit.NAMESPACE_RATE);
        assertThat(pacer.check("c", "b", "w", 10, 10, 100, T0)).isEmpty();
    }

    @Test
    void aClusterBudgetTooSmallForTheHeadIsReservedForItAndOthersOnlyUseWhatItCannot() {
        Pacer pacer = new Pacer(1000);
        pacer.spend("c", "small", "s0", 5, T0);
        pacer.spend("c", "small", "s1", 86, T0.plusSeconds(10));
        Instant now = T0.plusSeconds(20);

        pacer.beginPass();
        assertThat(pacer.check("c", "big", "b0", 10, 100, 100, now)).contains(Limit.CLUSTER_RATE);
        // At T0 + 60 s the big one can go with 86 + 10 pods in its window: 4 spare pods may go now, 5 would delay it.
        assertThat(pacer.check("c", "small", "s2", 5, 100, 100, now)).contains(Limit.CLUSTER_RATE);
        assertThat(pacer.check("c", "small", "s2", 4, 100, 100, now)).isEmpty();
        pacer.spend("c", "small", "s2", 4, now);
        assertThat(pacer.check("other", "x", "x0", 50, 100, 100, now)).as("another cluster is not held back").isEmpty();

        pacer.beginPass();
        assertThat(pacer.check("c", "small", "s3", 1, 100, 100, T0.plusSeconds(60)))
                .as("still reserved in the next pass, while the big one keeps asking").contains(Limit.CLUSTER_RATE);
        assertThat(pacer.check("c", "big", "b0", 10, 100, 100, T0.plusSeconds(60))).isEmpty();
        pacer.spend("c", "big", "b0", 10, T0.plusSeconds(60));
        assertThat(pacer.check("c", "small", "s3", 1, 100, 100, T0.plusSeconds(70))).as("the reservation ended").isEmpty();
    }

    @Test
    void aReservationLapsesWhenItsHolderStopsAsking() {
        Pacer pacer = new Pacer(1000);
        pacer.spend("c", "small", "s0", 5, T0);
        pacer.spend("c", "small", "s1", 86, T0.plusSeconds(10));
        pacer.beginPass();
        assertThat(pacer.check("c", "big", "b0", 10, 100, 100, T0.plusSeconds(20))).contains(Limit.CLUSTER_RATE);

        pacer.beginPass(); // the big one's roll was paused: it does not ask
        pacer.beginPass();
        assertThat(pacer.check("c", "small", "s2", 9, 100, 100, T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void theFleetBudgetSpansClusters() {
        Pacer pacer = new Pacer(150);
        pacer.spend("a", "ns", "w", 100, T0);
        pacer.spend("b", "ns", "w", 50, T0);

        assertThat(pacer.fleetRate(T0)).isEqualTo(150);
        assertThat(pacer.clusterRate("a", T0.plusSeconds(59))).isEqualTo(100);
        assertThat(pacer.check("c", "ns", "w", 1, 100, 100, T0.plusSeconds(59))).contains(Limit.FLEET_RATE);
        assertThat(pacer.check("c", "ns", "w", 1, 100, 100, T0.plusSeconds(60))).isEmpty();
        assertThat(pacer.clusterRate("a", T0.plusSeconds(60))).isZero();
    }

    @Test
    void checkingSpendsNothing() {
        Pacer pacer = new Pacer(10);
        for (int i = 0; i < 20; i++) {
            assertThat(pacer.check("c", "ns", "w", 10, 10, 10, T0)).isEqualTo(Optional.empty());
        }
    }

    // Found by the system test against fleet-sim (RollTwoNamespacesIT): the first batch reached the cluster 1.5 s
    // after the decision, the next minute's batch at once, so the cluster saw both within 58.8 s.
    @Test
    void aHeldTokenComesBackAMinuteAfterTheRestartWasReportedNotAfterTheDecision() {
        Pacer pacer = new Pacer(1000, Duration.ofMinutes(5));
        pacer.spend("c", "ns", "w", 10, T0);

        assertThat(pacer.check("c", "ns", "x", 1, 10, 100, T0.plusSeconds(60))).as("not reported yet: held")
                .contains(Limit.NAMESPACE_RATE);
        assertThat(pacer.executed("c", "ns", "w", T0.plusSeconds(20))).isTrue();
        assertThat(pacer.check("c", "ns", "x", 1, 10, 100, T0.plusSeconds(79))).contains(Limit.NAMESPACE_RATE);
        assertThat(pacer.clusterRate("c", T0.plusSeconds(79))).isEqualTo(10);
        assertThat(pacer.check("c", "ns", "x", 10, 10, 100, T0.plusSeconds(80))).isEmpty();
        assertThat(pacer.clusterRate("c", T0.plusSeconds(80))).isZero();
        assertThat(pacer.executed("c", "ns", "w", T0.plusSeconds(81))).as("a second report changes nothing").isFalse();
    }

    @Test
    void aRestartNeverReportedHoldsItsTokensUntilItsCommandExpiredAndAMinuteMore() {
        Pacer pacer = new Pacer(1000, Duration.ofMinutes(5));
        pacer.spend("c", "ns", "w", 10, T0);

        assertThat(pacer.check("c", "other", "x", 91, 100, 100, T0.plusSeconds(359))).contains(Limit.CLUSTER_RATE);
        assertThat(pacer.check("c", "other", "x", 91, 100, 100, T0.plusSeconds(360))).isEmpty();
    }

    @Test
    void heldTokensCountForEveryBudgetAndComeBackInTheOrderOfTheirReports() {
        RateWindow window = new RateWindow();
        window.hold("a", T0, 4, T0.plusSeconds(300));
        window.hold("b", T0.plusSeconds(1), 4, T0.plusSeconds(301));
        window.spend(T0.plusSeconds(2), 2);

        assertThat(window.earliest(T0.plusSeconds(3), 4, 10)).as("held ones at the latest they can come back")
                .isEqualTo(T0.plusSeconds(360));
        window.confirm("b", T0.plusSeconds(5));
        assertThat(window.earliest(T0.plusSeconds(6), 4, 10)).as("the plain spend, then b reported at 5 s")
                .isEqualTo(T0.plusSeconds(65));
        assertThat(window.spent(T0.plusSeconds(200))).as("a, still held").isEqualTo(4);
        window.confirm("a", T0.plusSeconds(230));
        assertThat(window.spentAt(T0.plusSeconds(289))).isEqualTo(4);
        assertThat(window.spent(T0.plusSeconds(289))).isEqualTo(4);
        assertThat(window.spent(T0.plusSeconds(290))).isZero();
    }
}
