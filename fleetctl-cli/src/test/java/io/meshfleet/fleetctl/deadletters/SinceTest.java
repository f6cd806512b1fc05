package io.meshfleet.fleetctl.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SinceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDurationsBackFromTheClock() {
        assertThat(Since.parse("2h").resolve(CLOCK)).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(Since.parse("30m").resolve(CLOCK)).isEqualTo("2026-11-27T11:30:00Z");
        assertThat(Since.parse("45s").resolve(CLOCK)).isEqualTo("2026-11-27T11:59:15Z");
        assertThat(Since.parse("1d12h").resolve(CLOCK)).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(Since.parse("PT90M").resolve(CLOCK)).isEqualTo("2026-11-27T10:30:00Z");
    }

    @Test
    void readsInstantsWhateverTheClock() {
        assertThat(Since.parse("2026-11-27T01:00:00Z").resolve(CLOCK)).isEqualTo("2026-11-27T01:00:00Z");
        assertThat(Since.parse("2026-11-27T02:00:00+01:00").resolve(CLOCK)).isEqualTo("2026-11-27T01:00:00Z");
    }

    @Test
    void rejectsAnythingElseSayingWhatItTakes() {
        for (String bad : new String[] {"yesterday", "2", "-2h", "2 h", "2026-11-27", "PT-1H", ""}) {
            assertThatThrownBy(() -> Since.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected an ISO-8601 instant")
                    .hasMessageContaining("but was '" + bad + "'");
        }
    }
}
