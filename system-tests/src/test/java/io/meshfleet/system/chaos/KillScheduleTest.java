package io.meshfleet.system.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KillScheduleTest {

    private static final Duration MIN = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(9);

    @Test
    void the_same_seed_gives_the_same_pauses() {
        assertThat(KillSchedule.of(42, 20, MIN, MAX)).isEqualTo(KillSchedule.of(42, 20, MIN, MAX));
        assertThat(KillSchedule.of(42, 20, MIN, MAX).pauses()).isNotEqualTo(KillSchedule.of(43, 20, MIN, MAX).pauses());
    }

    @Test
    void every_pause_is_within_the_bounds_and_there_are_as_many_as_kills() {
        for (long seed = 0; seed < 50; seed++) {
            KillSchedule schedule = KillSchedule.of(seed, 20, MIN, MAX);
            assertThat(schedule.pauses()).hasSize(20).allSatisfy(p -> assertThat(p).isBetween(MIN, MAX));
        }
    }

    @Test
    void equal_bounds_give_that_pause() {
        assertThat(KillSchedule.of(1, 3, MIN, MIN).pauses()).containsOnly(MIN);
    }

    @Test
    void bounds_the_wrong_way_round_are_refused() {
        assertThatThrownBy(() -> KillSchedule.of(1, 3, MAX, MIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
