package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesTest {

    @Test
    void requiredFieldsAreNamedWhenMissing() {
        assertThatThrownBy(() -> new Preflight(null, "1.5.10", "asm-multicloud"))
                .isInstanceOf(NullPointerException.class).hasMessage("clusterId is required");
        assertThatThrownBy(() -> new Preflight("c1", " ", "asm-multicloud"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("targetVersion must not be blank");
        assertThatThrownBy(() -> new InstallControlPlane("c1", "1.5.10", "p", null, "abc", "linux-amd64",
                Installer.OPERATOR, 60)).hasMessageContaining("artifactSha256");
        assertThatThrownBy(() -> new InstallControlPlane("c1", "1.5.10", "p", null, Samples.SHA, "linux-amd64",
                Installer.OPERATOR, 0)).hasMessageContaining("timeoutSeconds must be positive");
        assertThatThrownBy(() -> new WorkloadRef(null, "x")).hasMessage("kind is required");
        assertThatThrownBy(() -> new InstallResult("c1", "1.5.10", false, null, "")).hasMessage("reason is required");
    }

    @Test
    void listsAndMapsAreCopiedImmutablyAndNullMeansEmpty() {
        List<WorkloadRef> workloads = new ArrayList<>(List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "a")));
        RestartWorkloads command = new RestartWorkloads("c1", "r1", "ns", workloads, false);
        workloads.clear();

        assertThat(command.workloads()).hasSize(1);
        assertThatThrownBy(() -> command.workloads().add(new WorkloadRef(WorkloadKind.POD, "p")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new RestartExecuted("c1", "r1", "ns", null, null).restarted()).isEmpty();
        assertThat(new RollSidecars("p", "c", null, "1.5", SidecarLimits.DEFAULT, 60).namespaces()).isEmpty();
        assertThatThrownBy(() -> new MirrorRelease("1.5", java.util.Arrays.asList("linux", null), "file:/m"))
                .hasMessage("platforms must not contain null");
    }

    @Test
    void overlayIsDeepCopiedAndItsNumbersNormalized() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("int", 3);
        inner.put("double", 0.25);
        inner.put("float", 1.5f);
        inner.put("big", new BigInteger("123"));
        inner.put("huge", new BigInteger("123456789012345678901234567890"));
        inner.put("list", new ArrayList<>(List.of(1, "x")));
        Map<String, Object> overlay = new HashMap<>(Map.of("values", inner));

        InstallControlPlane command = new InstallControlPlane("c1", "1.5", "p", overlay, Samples.SHA, "linux-amd64",
                Installer.ISTIOCTL, 60);
        inner.put("int", 4);

        @SuppressWarnings("unchecked")
        Map<String, Object> copied = (Map<String, Object>) command.overlay().get("values");
        assertThat(copied).containsEntry("int", 3L)
                .containsEntry("double", new BigDecimal("0.25"))
                .containsEntry("float", new BigDecimal("1.5"))
                .containsEntry("big", 123L)
                .containsEntry("huge", new BigInteger("123456789012345678901234567890"))
                .containsEntry("list", List.of(1L, "x"));
        assertThatThrownBy(() -> copied.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void overlayRefusesWhatJsonCannotCarryExactly() {
        assertThatThrownBy(() -> new PreflightResult("c1", "1.5", null, ClusterKind.USER, null,
                Map.of("a", Map.of("b", Double.NaN)))).hasMessageContaining("overlay.a.b must be a finite number");
        assertThatThrownBy(() -> new PreflightResult("c1", "1.5", null, ClusterKind.USER, null,
                Map.of("a", Instant.EPOCH))).hasMessageContaining("overlay.a must be a JSON value");
    }

    @ParameterizedTest
    @CsvSource({"25%, 10, 2", "25%, 3, 1", "100%, 7, 7", "3, 100, 3", "1%, 0, 1"})
    void maxUnavailableIsACountOrAPercentageRoundedDownButAtLeastOne(String value, int pods, int expected) {
        assertThat(new SidecarLimits(100, 100, value).maxUnavailablePods(pods)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "0%", "101%", "25 %", "-1", "abc", "''", "1.5"})
    void maxUnavailableRefusesNonsense(String value) {
        assertThatThrownBy(() -> new SidecarLimits(100, 100, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxUnavailable");
    }

    @Test
    void smokeChecksRequireWhatTheirKindNeeds() {
        assertThatThrownBy(() -> SmokeCheck.http("a", null, 200, null)).hasMessage("url is required");
        assertThatThrownBy(() -> SmokeCheck.http("a", "http://x", 42, null)).hasMessageContaining("expectedStatus");
        assertThatThrownBy(() -> SmokeCheck.job("a", null, List.of())).hasMessage("image is required");
    }

    @Test
    void podConvergenceMeansReadyAtTheTargetProxyVersion() {
        PodState ready = Samples.pod("web-1-a", "1.5.10");
        assertThat(ready.convergedAt("1.5.10")).isTrue();
        assertThat(ready.convergedAt("1.6.14")).isFalse();
        assertThat(new PodState("web-1-b", PodPhase.RUNNING, 1, 2, 0, "1.5.10", null, null).convergedAt("1.5.10")).isFalse();
        assertThatThrownBy(() -> new PodState("p", PodPhase.RUNNING, 3, 2, 0, null, null, null))
                .hasMessageContaining("ready (3) must not exceed total (2)");
    }

    @Test
    void kubernetesNamesMapToEnums() {
        assertThat(PodPhase.fromKubernetes("Running")).isEqualTo(PodPhase.RUNNING);
        assertThat(PodPhase.fromKubernetes("Evicted")).isEqualTo(PodPhase.UNKNOWN);
        assertThat(WorkloadKind.fromKubernetes("StatefulSet")).isEqualTo(WorkloadKind.STATEFUL_SET);
        assertThat(WorkloadKind.fromKubernetes("Rollout")).isEqualTo(WorkloadKind.OTHER);
        assertThat(WorkloadKind.fromKubernetes("")).isEqualTo(WorkloadKind.OTHER);
    }

    @Test
    void aNewerClusterStateSupersedesAnOlderOne() {
        ClusterState state = (ClusterState) Samples.of(ClusterState.class);
        ClusterState older = new ClusterState(state.clusterId(), state.observedGeneration() - 1, state.clusterKind(),
                state.labels(), state.meshVersion(), state.controlPlane(), state.namespaces(), state.observedAt());

        assertThat(state.supersedes(older)).isTrue();
        assertThat(older.supersedes(state)).isFalse();
        assertThat(state.supersedes(state)).isFalse();
        assertThat(state.supersedes(null)).isTrue();
    }

    @Test
    void preflightPassesUnlessACheckFailed() {
        PreflightResult result = (PreflightResult) Samples.of(PreflightResult.class);
        assertThat(result.passed()).isTrue();
        PreflightResult failed = new PreflightResult("c1", "1.5", null, ClusterKind.ADMIN,
                List.of(new PreflightItem("cluster-kind", PreflightStatus.FAIL, "admin cluster")), null);
        assertThat(failed.passed()).isFalse();
    }

    @Test
    void aRollDefaultsToTheListedOrderAndStopsAtTheFirstFailedNamespace() {
        RollSidecars roll = new RollSidecars("p", "c", List.of("b", "a"), "1.5", SidecarLimits.DEFAULT, 60);

        assertThat(roll.namespaceOrder()).isEqualTo(NamespaceOrder.AS_LISTED);
        assertThat(roll.onNamespaceFailure()).isEqualTo(NamespaceFailurePolicy.STOP_CLUSTER);
        assertThatThrownBy(() -> new RollSidecars("p", "c", null, "1.5", SidecarLimits.DEFAULT, 60, null,
                NamespaceFailurePolicy.CONTINUE)).hasMessage("namespaceOrder is required");
        assertThatThrownBy(() -> new RollSidecars("p", "c", null, "1.5", SidecarLimits.DEFAULT, 60,
                NamespaceOrder.BY_NAME, null)).hasMessage("onNamespaceFailure is required");
    }
}
