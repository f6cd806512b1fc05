package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The informer start-up of an agent of many clusters: a few at a time, every cluster tried before any retry, a failed
 * one retried after a growing backoff without holding up the others, and health's counts (virtual time).
 */
class SyncPacingTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private static SyncPacing pacing(int concurrency, String... clusters) {
        return new SyncPacing(List.of(clusters), concurrency, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @Test
    void atMostConcurrencyClustersSyncAtATimeInTheGivenOrder() {
        SyncPacing pacing = pacing(2, "a", "b", "c", "d", "e");

        assertThat(pacing.startNow(clock.instant())).containsExactly("a", "b");
        assertThat(pacing.startNow(clock.instant())).as("no free slot").isEmpty();

        pacing.synced("a");
        assertThat(pacing.startNow(clock.instant())).containsExactly("c");
        pacing.synced("b");
        pacing.synced("c");
        assertThat(pacing.startNow(clock.instant())).containsExactly("d", "e");
        pacing.synced("d");
        pacing.synced("e");
        assertThat(pacing.startNow(clock.instant())).isEmpty();
        assertThat(pacing.summary()).isEqualTo(new SyncPacing.Summary(5, 0, List.of()));
        assertThat(pacing.nextRetry()).isEmpty();
    }

    @Test
    void aFailedClusterWaitsForItsBackoffWhileTheOthersGoOnAndIsRetriedWhenItIsUp() {
        SyncPacing pacing = pacing(1, "down", "b", "c");
        assertThat(pacing.startNow(T0)).containsExactly("down");
        pacing.failed("down", "connect timed out", T0.plusSeconds(10));

        assertThat(pacing.startNow(T0.plusSeconds(10))).as("the next never-tried cluster, not the retry")
                .containsExactly("b");
        assertThat(pacing.of("down")).isEqualTo(new SyncPacing.ClusterSync("down", SyncPacing.Status.BACKING_OFF, 1,
                "connect timed out", T0.plusSeconds(15)));
        pacing.synced("b");
        assertThat(pacing.startNow(T0.plusSeconds(11))).containsExactly("c");
        pacing.synced("c");

        assertThat(pacing.nextRetry()).contains(T0.plusSeconds(15));
        assertThat(pacing.startNow(T0.plusSeconds(14))).as("backoff not over").isEmpty();
        assertThat(pacing.startNow(T0.plusSeconds(15))).containsExactly("down");
        assertThat(pacing.summary().failing()).as("still failing while retried").extracting(SyncPacing.ClusterSync::cluster)
                .containsExactly("down");

        pacing.synced("down");
        assertThat(pacing.summary()).isEqualTo(new SyncPacing.Summary(3, 0, List.of()));
    }

    @Test
    void everyClusterIsTriedOnceBeforeAnyRetryTakesASlot() {
        SyncPacing pacing = pacing(1, "x", "y", "z");
        pacing.startNow(T0);
        pacing.failed("x", "refused", T0);

        assertThat(pacing.startNow(T0.plusSeconds(60))).as("x's backoff is over, y has not been tried")
                .containsExactly("y");
        pacing.failed("y", "refused", T0.plusSeconds(60));
        assertThat(pacing.startNow(T0.plusSeconds(60))).containsExactly("z");
        pacing.synced("z");
        assertThat(pacing.startNow(T0.plusSeconds(70))).as("longest waiting first").containsExactly("x");
    }

    @Test
    void summaryCountsSyncedSyncingAndFailingWithTheirLastErrors() {
        SyncPacing pacing = pacing(3, "a", "b", "c", "d", "e");
        pacing.startNow(T0);
        pacing.synced("a");
        pacing.failed("c", "the server was unable to return a response in the time allotted", T0);
        pacing.failed("b", "Connection refused", T0);

        SyncPacing.Summary summary = pacing.summary();

        assertThat(summary.synced()).isEqualTo(1);
        assertThat(summary.syncing()).as("d and e, not tried yet").isEqualTo(2);
        assertThat(summary.failing()).extracting(SyncPacing.ClusterSync::cluster, SyncPacing.ClusterSync::lastError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "Connection refused"),
                        org.assertj.core.groups.Tuple.tuple("c",
                                "the server was unable to return a response in the time allotted"));
        assertThat(summary.total()).isEqualTo(5);
    }

    @ParameterizedTest(name = "failure {0} waits {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 60", "30, 60"})
    void backoffDoublesPerFailureUpToItsMaximum(int failures, long seconds) {
        assertThat(pacing(1, "a").backoff(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void noRetryIsScheduledWhileEverySlotIsTaken() {
        SyncPacing pacing = pacing(1, "a", "b");
        pacing.startNow(T0);
        pacing.failed("a", "refused", T0);
        pacing.startNow(T0);

        assertThat(pacing.nextRetry()).as("b holds the only slot; its end wakes the pacing").isEqualTo(Optional.empty());
        pacing.synced("b");
        assertThat(pacing.nextRetry()).contains(T0.plusSeconds(5));
    }

    @Test
    void outcomesOfClustersWithoutARunningAttemptAreRefused() {
        SyncPacing pacing = pacing(1, "a", "b");
        assertThatThrownBy(() -> pacing.synced("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a has no sync attempt running");
        assertThatThrownBy(() -> pacing.of("z")).hasMessageContaining("not a served cluster: z");
        assertThatThrownBy(() -> new SyncPacing(List.of("a"), 0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("at least 1");
    }
}
