package io.meshfleet.roller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.RefusalReason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** A cluster's roller meters exist at zero once the cluster is known, before any roll; counts are kept. */
class RollMetricsTest {

    @Test
    void aKnownClusterHasEveryMeterAtZero() {
        MeterRegistry meters = new SimpleMeterRegistry();
        RollMetrics metrics = new RollMetrics(meters);
        assertThat(meters.find("meshfleet.roller.restarts.issued").counters()).isEmpty();

        metrics.clusterKnown("edge-a");

        assertThat(count(meters, "meshfleet.roller.restarts.issued")).isZero();
        assertThat(count(meters, "meshfleet.roller.pods.converged")).isZero();
        assertThat(count(meters, "meshfleet.roller.restarts.executed")).isZero();
        Gauge rate = meters.find("meshfleet.roller.rate").tag("cluster", "edge-a").gauge();
        assertThat(rate).isNotNull();
        assertThat(rate.value()).isZero();
        for (RefusalReason reason : RefusalReason.values()) {
            assertThat(meters.find("meshfleet.roller.commands.refused").tag("cluster", "edge-a")
                    .tag("reason", reason.name()).counter()).as(reason.name()).isNotNull();
        }
        assertThat(meters.find("meshfleet.roller.commands.refused").counters()).hasSize(RefusalReason.values().length);
    }

    @Test
    void countsSurviveTheClusterBecomingKnownAgain() {
        MeterRegistry meters = new SimpleMeterRegistry();
        RollMetrics metrics = new RollMetrics(meters);
        metrics.clusterKnown("edge-a");
        metrics.restarted("edge-a", 7);
        RollMetrics.commandsRefused(meters, "edge-a", RefusalReason.UNKNOWN_KEY).increment();

        metrics.clusterKnown("edge-a");

        assertThat(count(meters, "meshfleet.roller.restarts.issued")).isEqualTo(7);
        assertThat(meters.find("meshfleet.roller.commands.refused").tag("reason", "UNKNOWN_KEY").counter().count())
                .isEqualTo(1);
    }

    private static double count(MeterRegistry meters, String name) {
        var counter = meters.find(name).tag("cluster", "edge-a").counter();
        assertThat(counter).as(name).isNotNull();
        return counter.count();
    }
}
