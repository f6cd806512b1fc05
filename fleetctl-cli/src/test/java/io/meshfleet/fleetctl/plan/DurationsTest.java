package io.meshfleet.fleetctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshfleet.fleetctl.api.RestClient;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void readsQuarkusDecimalSecondsAndIsoTextAndNothingElse() throws Exception {
        assertThat(Durations.of(NODES.numberNode(new BigDecimal("300.000000000")))).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.of(RestClient.json().readTree("{\"soak\":1.500000000}").path("soak")))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.of(NODES.numberNode(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(Durations.of(NODES.textNode("PT1H30M"))).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.of(NODES.textNode("12.5"))).isEqualTo(Duration.ofMillis(12500));
        assertThat(Durations.of(NODES.textNode("soon"))).isNull();
        assertThat(Durations.of(NODES.nullNode())).isNull();
        assertThat(Durations.of(NODES.missingNode())).isNull();
    }

    @Test
    void printsSpecValuesExactlyAndEstimatesRoundedUpToTheMinute() {
        assertThat(Durations.exact(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.exact(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.exact(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.exact(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Durations.exact(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.exact(Duration.ofMinutes(65))).isEqualTo("1h05m");

        assertThat(Durations.rough(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(Durations.rough(Duration.ofSeconds(61))).isEqualTo("2m");
        assertThat(Durations.rough(Duration.ofSeconds(390))).isEqualTo("7m");
        assertThat(Durations.rough(Duration.ofMinutes(60))).isEqualTo("1h00m");
        assertThat(Durations.rough(Duration.ofSeconds(3901))).isEqualTo("1h06m");
        assertThat(Durations.rough(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
