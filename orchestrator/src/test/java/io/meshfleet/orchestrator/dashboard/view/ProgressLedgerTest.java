package io.meshfleet.orchestrator.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The latest progress per namespace, its convergence rate, and the bound on memory. */
class ProgressLedgerTest {

    static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

    @Test
    void keepsTheLatestEventPerNamespaceAndMeasuresTheRateOverTheLastMinute() {
        ProgressLedger ledger = new ProgressLedger(10);
        assertThat(ledger.record("p", "c", "shop", 2, 0, 100, 600, T0)).isTrue();
        assertThat(ledger.forPlan("p").get("c")).singleElement()
                .satisfies(bar -> assertThat(bar.podsPerMinute()).as("one sample: no rate yet").isNull());
        assertThat(ledger.record("p", "c", "shop", 40, 30, 100, 120, T0.plusSeconds(30))).isTrue();
        ProgressLedger.NamespaceBar bar = ledger.forPlan("p").get("c").get(0);
        assertThat(bar.converged()).isEqualTo(30);
        assertThat(bar.podsPerMinute()).isEqualTo(60.0); // 30 pods in 30 s
        assertThat(bar.rateText()).isEqualTo("60 pods/min");
        assertThat(bar.etaText()).isEqualTo("ETA 2m 00s");

        // The rate spans the last minute, from the newest sample at or before its start.
        ledger.record("p", "c", "shop", 60, 40, 100, 100, T0.plusSeconds(90));
        ledger.record("p", "c", "shop", 80, 70, 100, 30, T0.plusSeconds(120));
        assertThat(ledger.forPlan("p").get("c").get(0).podsPerMinute()).isCloseTo(26.67, within(0.01)); // 40 in 90 s
        ledger.record("p", "c", "shop", 95, 90, 100, 10, T0.plusSeconds(200));
        assertThat(ledger.forPlan("p").get("c").get(0).podsPerMinute()).isEqualTo(15.0); // 20 pods since t=120

        // The same counts again change nothing shown; an older event never overwrites a newer one.
        assertThat(ledger.record("p", "c", "shop", 95, 90, 100, 10, T0.plusSeconds(201))).isFalse();
        assertThat(ledger.record("p", "c", "shop", 10, 5, 100, 500, T0.plusSeconds(1))).isFalse();
        assertThat(ledger.forPlan("p").get("c").get(0).converged()).isEqualTo(90);

        ledger.record("p", "c", "shop", 100, 100, 100, 0, T0.plusSeconds(230));
        assertThat(ledger.forPlan("p").get("c").get(0).done()).isTrue();
        assertThat(ledger.forPlan("p").get("c").get(0).etaText()).isEqualTo("done");
    }

    @Test
    void namespacesAreOrderedByNameAndClustersKeptApart() {
        ProgressLedger ledger = new ProgressLedger(10);
        ledger.record("p", "c2", "shop", 1, 1, 2, 5, T0);
        ledger.record("p", "c1", "shop", 1, 0, 2, 5, T0);
        ledger.record("p", "c1", "payments", 1, 0, 3, 5, T0);
        assertThat(ledger.forPlan("p").keySet()).containsExactly("c1", "c2");
        assertThat(ledger.forPlan("p").get("c1")).extracting(ProgressLedger.NamespaceBar::namespace)
                .containsExactly("payments", "shop");
        assertThat(ledger.forPlan("other")).isEmpty();
    }

    @Test
    void keepsOnlyThePlansThatReportedLast() {
        ProgressLedger ledger = new ProgressLedger(2);
        ledger.record("p1", "c", "shop", 1, 0, 2, 5, T0);
        ledger.record("p2", "c", "shop", 1, 0, 2, 5, T0);
        ledger.record("p1", "c", "shop", 2, 1, 2, 5, T0.plusSeconds(1)); // p1 reported last but one
        ledger.record("p3", "c", "shop", 1, 0, 2, 5, T0);
        assertThat(ledger.forPlan("p2")).isEmpty();
        assertThat(ledger.forPlan("p1")).isNotEmpty();
        assertThat(ledger.forPlan("p3")).isNotEmpty();
        assertThatThrownBy(() -> new ProgressLedger(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyNamespaceIsComplete() {
        ProgressLedger ledger = new ProgressLedger(1);
        ledger.record("p", "c", "empty", 0, 0, 0, 0, T0);
        assertThat(ledger.forPlan("p").get("c").get(0).percent()).isEqualTo(100);
    }
}
