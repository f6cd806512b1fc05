package io.meshfleet.system.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.system.chaos.StepChains.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepChainsTest {

    @Test
    void whole_chains_of_interleaved_clusters_have_no_gap() {
        List<Step> steps = List.of(
                new Step(1, "a", "PENDING", "AWAITING_ARTIFACT"),
                new Step(2, "b", "PENDING", "AWAITING_ARTIFACT"),
                new Step(3, "a", "AWAITING_ARTIFACT", "PREFLIGHT"),
                new Step(4, "b", "AWAITING_ARTIFACT", "PREFLIGHT"),
                new Step(5, "a", "PREFLIGHT", "INSTALLING"));

        assertThat(StepChains.gaps(steps)).isEmpty();
        assertThat(StepChains.lastSteps(steps)).isEqualTo(Map.of("a", "INSTALLING", "b", "PREFLIGHT"));
    }

    @Test
    void a_missing_transition_is_a_gap_naming_the_cluster_and_entries() {
        List<Step> steps = List.of(
                new Step(1, "a", "PENDING", "AWAITING_ARTIFACT"),
                new Step(2, "a", "PREFLIGHT", "INSTALLING"));

        assertThat(StepChains.gaps(steps)).containsExactly(
                "a: entry 2 goes PREFLIGHT -> INSTALLING but the cluster was AWAITING_ARTIFACT after entry 1");
    }

    @Test
    void a_chain_that_does_not_start_at_pending_is_a_gap() {
        assertThat(StepChains.gaps(List.of(new Step(7, "c", "INSTALLING", "AWAITING_CONTROL_PLANE"))))
                .containsExactly("c: entry 7 goes INSTALLING -> AWAITING_CONTROL_PLANE but the cluster was PENDING"
                        + " (its first entry)");
    }

    @Test
    void a_transition_written_twice_is_a_gap() {
        List<Step> steps = List.of(
                new Step(1, "a", "PENDING", "AWAITING_ARTIFACT"),
                new Step(2, "a", "AWAITING_ARTIFACT", "PREFLIGHT"),
                new Step(3, "a", "AWAITING_ARTIFACT", "PREFLIGHT"));

        assertThat(StepChains.gaps(steps)).hasSize(1);
    }
}
