package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanStallTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aPlanThatKeepsMovingNeverStalls() {
        PlanStall stall = new PlanStall(Duration.ofMinutes(3));
        assertThat(stall.observe(Map.of("PENDING", 50), T0)).contains(Map.of("PENDING", 50));
        assertThat(stall.observe(Map.of("PENDING", 50), T0.plusSeconds(170))).isEmpty();
        assertThat(stall.observe(Map.of("PENDING", 49, "INSTALLING", 1), T0.plusSeconds(179)))
                .contains(Map.of("PENDING", 49, "INSTALLING", 1));
        assertThat(stall.observe(Map.of("PENDING", 49, "INSTALLING", 1), T0.plusSeconds(350))).isEmpty();
    }

    @Test
    void countsUnchangedPastTheLimitFailWithWhereTheClustersStand() {
        PlanStall stall = new PlanStall(Duration.ofMinutes(3));
        stall.observe(Map.of("SUCCEEDED", 1, "ROLLING", 49), T0);
        assertThat(stall.observe(Map.of("SUCCEEDED", 1, "ROLLING", 49), T0.plusSeconds(180))).isEmpty();
        assertThatThrownBy(() -> stall.observe(Map.of("SUCCEEDED", 1, "ROLLING", 49), T0.plusSeconds(181)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no progress for 181 s")
                .hasMessageContaining("ROLLING=49");
    }
}
