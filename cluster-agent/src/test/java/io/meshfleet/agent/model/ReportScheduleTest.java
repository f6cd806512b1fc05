package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.agent.model.ReportSchedule.Cause;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ControlPlaneState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When state reports go out, in virtual time: the first at once, changes after a quiet debounce (or the max delay),
 * heartbeats only while nothing changes, and generations that only grow.
 */
class ReportScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");
    private static final Duration DEBOUNCE = Duration.ofSeconds(2);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(60);

    private final ReportSchedule schedule = new ReportSchedule("edge-a", DEBOUNCE, MAX_DELAY, HEARTBEAT);

    private static StateContent content(String version) {
        return new StateContent(ClusterKind.USER, Map.of(), version, new ControlPlaneState(version, List.of()), List.of());
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private Optional<Cause> due(long seconds) {
        return schedule.due(at(seconds)).map(ReportSchedule.Due::cause);
    }

    @Test
    void nothingIsReportedBeforeTheFirstObservation() {
        assertThat(schedule.due(T0)).isEmpty();
        assertThat(schedule.nextCheck()).isEmpty();
    }

    @Test
    void aQuietClusterIsReportedOnceThenOnlyByHeartbeats() {
        schedule.observe(content("1.6"), at(0));
        assertThat(due(0)).contains(Cause.INITIAL);
        List<Cause> causes = new ArrayList<>();
        for (long s = 1; s <= 3 * 60; s++) {
            schedule.observe(content("1.6"), at(s)); // the same picture over and over
            due(s).ifPresent(causes::add);
        }
        assertThat(causes).containsExactly(Cause.HEARTBEAT, Cause.HEARTBEAT, Cause.HEARTBEAT);
        assertThat(schedule.nextCheck()).contains(at(240));
    }

    @Test
    void aChangeIsReportedOnceTheClusterIsQuietForTheDebounce() {
        schedule.observe(content("1.6"), at(0));
        due(0);
        schedule.observe(content("mid"), at(5));
        assertThat(due(6)).isEmpty();
        assertThat(schedule.nextCheck()).contains(at(7));
        schedule.observe(content("1.5"), at(6)); // still changing: the debounce restarts
        assertThat(due(7)).isEmpty();
        assertThat(due(8)).contains(Cause.CHANGE);
        assertThat(schedule.nextCheck()).contains(at(68));
    }

    @Test
    void aClusterThatNeverSettlesIsStillReportedAtTheMaxDelay() {
        schedule.observe(content("1.6"), at(0));
        due(0);
        List<Long> sentAt = new ArrayList<>();
        for (long s = 1; s <= 25; s++) {
            schedule.observe(content("v" + s), at(s)); // a change every second, never quiet for 2 s
            if (due(s).isPresent()) {
                sentAt.add(s);
            }
        }
        assertThat(sentAt).containsExactly(11L, 22L);
    }

    @Test
    void aChangeThatIsUndoneBeforeTheDebounceIsNotReported() {
        schedule.observe(content("1.6"), at(0));
        due(0);
        schedule.observe(content("blip"), at(10));
        schedule.observe(content("1.6"), at(11));
        assertThat(due(13)).isEmpty();
        assertThat(due(60)).contains(Cause.HEARTBEAT);
    }

    @Test
    void generationsGrowStrictlyAndStartAboveAnEarlierRunsGenerations() {
        schedule.observe(content("1.6"), at(0));
        long first = schedule.due(at(0)).orElseThrow().state().observedGeneration();
        assertThat(first).isEqualTo(at(0).toEpochMilli());
        schedule.observe(content("1.5"), at(0));
        long second = schedule.due(at(2)).orElseThrow().state().observedGeneration();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aFailedSendIsRetriedWithTheCurrentContent() {
        schedule.observe(content("1.6"), at(0));
        due(0);
        schedule.sendFailed();
        ReportSchedule.Due again = schedule.due(at(1)).orElseThrow();
        assertThat(again.state().meshVersion()).isEqualTo("1.6");
    }
}
