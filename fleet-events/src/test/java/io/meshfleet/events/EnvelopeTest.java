package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));

    @Test
    void ofDerivesTypeSubjectTimeAndVersionFromTheData() {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock);

        assertThat(envelope.specversion()).isEqualTo("1.0");
        assertThat(envelope.id()).matches("[0-9a-f-]{36}");
        assertThat(envelope.type()).isEqualTo("meshfleet.InstallControlPlane");
        assertThat(envelope.subject()).isEqualTo("c1");
        assertThat(envelope.time()).isEqualTo(clock.instant());
        assertThat(envelope.dataversion()).isEqualTo(1);
        assertThat(envelope.topic()).isEqualTo(Topics.AGENT_COMMANDS);
        assertThat(envelope.key()).isEqualTo("c1");
        assertThat(envelope.planId()).isNull();
        assertThat(envelope.isSigned()).isFalse();
        assertThat(Envelope.of("orchestrator", Samples.install("c1"), clock).id()).isNotEqualTo(envelope.id());
    }

    @Test
    void artifactMessagesHaveTheVersionAsSubject() {
        Envelope envelope = Envelope.of("fleetctl", Samples.of(MirrorRelease.class), clock);
        assertThat(envelope.subject()).isEqualTo("1.5.10-asm.2");
        assertThat(envelope.topic()).isEqualTo(Topics.ARTIFACT_COMMANDS);
    }

    @Test
    void withPlanAndCorrelationChangeOnlyThoseAttributes() {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock);
        Envelope planned = envelope.withPlan("plan-9").withCorrelation("corr-1");

        assertThat(planned.planId()).isEqualTo("plan-9");
        assertThat(planned.correlationId()).isEqualTo("corr-1");
        assertThat(planned.withPlan(null).withCorrelation(null)).isEqualTo(envelope);
    }

    @Test
    void aConsequenceInheritsThePlanAndTheExchange() {
        Envelope command = Envelope.of("orchestrator", Samples.install("c1"), clock).withPlan("plan-9");
        Envelope result = Envelope.of("agent/c1", Samples.of(InstallResult.class), clock).causedBy(command);
        Envelope later = Envelope.of("orchestrator", Samples.of(RunSmokeTests.class), clock).causedBy(result);

        assertThat(result.planId()).isEqualTo("plan-9");
        assertThat(result.correlationId()).isEqualTo(command.id());
        assertThat(later.correlationId()).isEqualTo(command.id());
    }

    @Test
    void theTypeMustMatchTheData() {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock);
        assertThatThrownBy(() -> new Envelope("1.0", envelope.id(), "meshfleet.Preflight", "o", envelope.time(), "c1",
                null, null, 1, envelope.data(), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void dataversionMustBeTheCurrentVersionOfTheType() {
        Envelope roll = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock);
        assertThat(roll.dataversion()).isEqualTo(2);

        assertThatThrownBy(() -> new Envelope("1.0", roll.id(), roll.type(), "o", roll.time(), "c1",
                null, null, 1, roll.data(), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataversion of meshfleet.RollSidecars must be 2, its current version, was 1");
    }

    @Test
    void idMustBeALowercaseUuidAndSpecversionOnePointZero() {
        Envelope e = Envelope.of("orchestrator", Samples.install("c1"), clock);
        assertThatThrownBy(() -> new Envelope("1.0", "1-1-1-1-1", e.type(), "o", e.time(), "c1",
                null, null, 1, e.data(), null, null, null, null, null)).hasMessageContaining("UUID");
        assertThatThrownBy(() -> new Envelope("0.3", e.id(), e.type(), "o", e.time(), "c1",
                null, null, 1, e.data(), null, null, null, null, null)).hasMessageContaining("specversion");
        assertThatThrownBy(() -> new Envelope("1.0", e.id(), e.type(), "o", null, "c1",
                null, null, 1, e.data(), null, null, null, null, null)).hasMessage("time is required");
    }
}
