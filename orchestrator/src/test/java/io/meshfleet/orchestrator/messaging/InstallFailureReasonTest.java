package io.meshfleet.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.InstallResult;
import org.junit.jupiter.api.Test;

/** What the audit trail says of an agent's InstallResult: the reason, and what failed from the output's first line. */
class InstallFailureReasonTest {

    @Test
    void aFailedInstallIsItsReasonAndTheFirstLineOfTheAgentsOutput() {
        InstallResult unreachable = new InstallResult("c1", "1.5.10-asm.2", false, "CLUSTER_API_UNREACHABLE",
                "istio-system could not be read since 2026-11-27T10:00:00Z, during the wait for the control plane: "
                        + "no answer\napplied IstioOperator istio-system/meshfleet-control-plane generation 2\n");

        assertThat(AgentEventsConsumer.failure(unreachable)).isEqualTo("CLUSTER_API_UNREACHABLE: istio-system could "
                + "not be read since 2026-11-27T10:00:00Z, during the wait for the control plane: no answer");
    }

    @Test
    void withoutOutputItIsTheReasonAloneAndALongLineIsCut() {
        assertThat(AgentEventsConsumer.failure(new InstallResult("c1", "1.5.10-asm.2", false, "TIMEOUT", "")))
                .isEqualTo("TIMEOUT");
        String failure = AgentEventsConsumer.failure(new InstallResult("c1", "1.5.10-asm.2", false,
                "ISTIOCTL_FAILED", "x".repeat(1000)));
        assertThat(failure).hasSize("ISTIOCTL_FAILED: ".length() + AgentEventsConsumer.OUTPUT_EXCERPT + 3)
                .endsWith("...");
    }

    @Test
    void aSucceededInstallHasNoFailure() {
        assertThat(AgentEventsConsumer.failure(new InstallResult("c1", "1.5.10-asm.2", true, null, "done"))).isNull();
    }
}
