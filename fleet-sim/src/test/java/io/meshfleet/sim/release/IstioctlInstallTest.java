package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's istioctl against a stand-in kubectl (src/test/resources/release/fake-kubectl.sh) that
 * plays a cluster with one IstioOperator: the exact calls, their order, the body written and the
 * waiting on the controller's status.
 */
class IstioctlInstallTest {

    private static final String STATUS_CALL = "get istiooperators.install.istio.io meshfleet-install -n istio-system -o "
            + "jsonpath={.status.status}|{.status.observedRequestId}|{.status.componentStatus.Base.status}|"
            + "{.status.componentStatus.Pilot.status}|{.status.componentStatus.IngressGateways.status}|"
            + "{.status.componentStatus.AddonComponents.status}|{.status.message}";

    @TempDir
    static Path shared;

    private static ExtractedRelease release;
    private static Path realKubectl;

    @TempDir
    Path work;

    private Path state;
    private Map<String, String> environment;

    @BeforeAll
    static void unpack() throws Exception {
        release = ExtractedRelease.create(shared);
        realKubectl = ProcessRun.onPath("kubectl");
        assertThat(realKubectl).as("kubectl on PATH (istioctl composes with kubectl patch --local)").isNotNull();
    }

    @BeforeEach
    void fakeCluster() throws Exception {
        Path bin = Files.createDirectory(work.resolve("bin"));
        Path kubectl = bin.resolve("kubectl");
        try (var in = IstioctlInstallTest.class.getResourceAsStream("/release/fake-kubectl.sh")) {
            Files.write(kubectl, in.readAllBytes());
        }
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        state = Files.createDirectory(work.resolve("state"));
        environment = new HashMap<>(Map.of(
                "PATH", bin + ":" + System.getenv("PATH"),
                "REAL_KUBECTL", realKubectl.toString(),
                "FAKE_STATE", state.toString(),
                "ISTIOCTL_POLL_INTERVAL", "0.05"));
    }

    @Test
    void installsAndWaitsUntilTheControllerReportsThisRequestHealthy() throws Exception {
        statuses("HEALTHY|an-earlier-install|HEALTHY|HEALTHY|HEALTHY|HEALTHY|",
                "RECONCILING|@ID@|||||",
                "RECONCILING|@ID@|HEALTHY||||",
                "RECONCILING|@ID@|HEALTHY|HEALTHY|||",
                "HEALTHY|@ID@|HEALTHY|HEALTHY|HEALTHY|HEALTHY|");

        ProcessRun run = release.istioctl(work, environment, "install", "-y", "--set", "profile=asm-multicloud",
                "--context", "user-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                - Applying IstioOperator istio-system/meshfleet-install: profile asm-multicloud, tag 1.5.10-asm.2
                \u2714 Istio core installed
                \u2714 Istiod installed
                \u2714 Ingress gateways installed
                \u2714 Addons installed
                \u2714 Installation complete
                """);
        assertThat(calls()).containsExactly(
                "--context=user-1 get namespace istio-system",
                "--context=user-1 create namespace istio-system",
                "--context=user-1 get istiooperators.install.istio.io meshfleet-install -n istio-system -o jsonpath={.metadata.resourceVersion}",
                "--context=user-1 create -f - --validate=false",
                "--context=user-1 " + STATUS_CALL,
                "--context=user-1 " + STATUS_CALL,
                "--context=user-1 " + STATUS_CALL,
                "--context=user-1 " + STATUS_CALL,
                "--context=user-1 " + STATUS_CALL);
        JsonNode stored = ExtractedRelease.yaml(Files.readString(state.resolve("iop.yaml")));
        assertThat(stored.at("/metadata/annotations/install.meshfleet.io~1request-id").asText()).matches("\\d+-\\d+");
        assertThat(stored.at("/spec/tag").asText()).isEqualTo("1.5.10-asm.2");
        assertThat(stored.at("/spec/profile").asText()).isEqualTo("asm-multicloud");
        assertThat(stored.at("/metadata/resourceVersion").isMissingNode()).isTrue();
    }

    @Test
    void anExistingOperatorIsReplacedAtItsResourceVersionAndGatewaysOnlyPrintWhenEnabled() throws Exception {
        Files.createFile(state.resolve("namespace"));
        Files.writeString(state.resolve("iop.yaml"), "metadata:\n  annotations:\n    install.meshfleet.io/request-id: old\n");
        statuses("HEALTHY|old|||||", "HEALTHY|@ID@|||||");

        ProcessRun run = release.istioctl(Path.of("/"), withEnv("ISTIOCTL_REQUEST_ID", "second"),
                "install", "--skip-confirmation", "--set", "profile=minimal", "--kubeconfig=" + work.resolve("kc.yaml"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                - Applying IstioOperator istio-system/meshfleet-install: profile minimal, tag 1.5.10-asm.2
                \u2714 Istio core installed
                \u2714 Istiod installed
                \u2714 Installation complete
                """);
        String kubeconfig = "--kubeconfig=" + work.resolve("kc.yaml") + " ";
        assertThat(calls()).containsExactly(
                kubeconfig + "get namespace istio-system",
                kubeconfig + "get istiooperators.install.istio.io meshfleet-install -n istio-system -o jsonpath={.metadata.resourceVersion}",
                kubeconfig + "replace -f - --validate=false",
                kubeconfig + STATUS_CALL,
                kubeconfig + STATUS_CALL);
        JsonNode stored = ExtractedRelease.yaml(Files.readString(state.resolve("iop.yaml")));
        assertThat(stored.at("/metadata/resourceVersion").asText()).isEqualTo("7");
        assertThat(stored.at("/metadata/annotations/install.meshfleet.io~1request-id").asText()).isEqualTo("second");
        assertThat(stored.at("/spec/components/ingressGateways/0/enabled").asBoolean(true)).isFalse();
    }

    @Test
    void anErrorStatusFailsWithTheControllersMessage() throws Exception {
        statuses("RECONCILING|@ID@|||||", "ERROR|@ID@|HEALTHY|||| istiod image gcr.io/x/pilot:1.5.10-asm.2 | not found");

        ProcessRun run = release.istioctl(work, environment, "install", "-y");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.stdout()).endsWith("\u2718 Installation failed:  istiod image gcr.io/x/pilot:1.5.10-asm.2 | not found\n");
        assertThat(run.stderr()).isEqualTo("Error: IstioOperator istio-system/meshfleet-install reports ERROR: "
                + " istiod image gcr.io/x/pilot:1.5.10-asm.2 | not found\n");
    }

    @Test
    void aControllerThatNeverAnswersTimesOut() throws Exception {
        statuses("HEALTHY|an-earlier-install|||||");

        ProcessRun run = release.istioctl(work, environment, "install", "-y", "--readiness-timeout=1s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.stderr()).isEqualTo("Error: timed out after 1s waiting for IstioOperator "
                + "istio-system/meshfleet-install to become HEALTHY (last status: none)\n");
        assertThat(calls()).filteredOn(call -> call.equals(STATUS_CALL)).hasSizeGreaterThan(1);
    }

    @Test
    void aClusterWithoutTheIstioOperatorTypeIsAClearFailure() throws Exception {
        Path bin = work.resolve("bin");
        Files.writeString(bin.resolve("kubectl"), """
                #!/bin/sh
                for arg in "$@"; do [ "$arg" = --local ] && exec "$REAL_KUBECTL" "$@"; done
                case "$*" in
                    *istiooperators*) echo 'error: the server doesn'"'"'t have a resource type "istiooperators"' >&2; exit 1 ;;
                esac
                """);

        ProcessRun run = release.istioctl(work, environment, "install", "-y");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("Error: cannot read IstioOperator istio-system/meshfleet-install: "
                + "error: the server doesn't have a resource type \"istiooperators\"\n");
    }

    @Test
    void versionReportsTheImageTagOfRunningIstiodPods() throws Exception {
        Files.writeString(state.resolve("pods"), String.join("\n",
                "Running discovery=gcr.io/gke-release/asm/pilot:1.6.14-asm.1 istio-proxy=gcr.io/gke-release/asm/proxyv2:1.6.14-asm.1 ",
                "Running discovery=gcr.io/gke-release/asm/pilot:1.5.10-asm.2 ",
                "Pending discovery=gcr.io/gke-release/asm/pilot:1.4.0 ",
                ""));

        ProcessRun run = release.istioctl(work, environment, "version", "--context", "user-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("client version: 1.5.10-asm.2\ncontrol plane version: 1.5.10-asm.2, 1.6.14-asm.1\n");
        assertThat(calls()).singleElement().asString()
                .startsWith("--context=user-1 get pods -n istio-system -l app=istiod -o jsonpath=");
    }

    @Test
    void versionWithNoControlPlaneSaysSo() throws Exception {
        Files.writeString(state.resolve("pods"), "");

        ProcessRun run = release.istioctl(work, environment, "version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("client version: 1.5.10-asm.2\n");
        assertThat(run.stderr()).isEqualTo("no running Istio pods in \"istio-system\"\n");
    }

    /**
     * Ties the fake's answers to real kubectl: the script's jsonpath templates, run by the real kubectl
     * on local objects, print exactly the shapes the fake prints.
     */
    @Test
    void theScriptsJsonpathTemplatesPrintWhatTheFakeAnswers() throws Exception {
        String script = Files.readString(release.istioctl());
        String statusTemplate = constant(script, "STATUS_JSONPATH");
        String podTemplate = constant(script, "POD_JSONPATH");
        Files.writeString(work.resolve("iop.yaml"), """
                apiVersion: install.istio.io/v1alpha1
                kind: IstioOperator
                metadata: {name: meshfleet-install, namespace: istio-system}
                spec: {profile: default}
                status:
                  status: ERROR
                  observedRequestId: r-1
                  componentStatus:
                    Base: {status: HEALTHY}
                    Pilot: {status: ERROR}
                  message: image pull | failed
                """);
        // a local object with a top-level "items" is taken for a List, so the pods sit one level down
        Files.writeString(work.resolve("pods.yaml"), """
                apiVersion: example.meshfleet.io/v1
                kind: PodListHolder
                metadata: {name: pods}
                list:
                  items:
                  - spec:
                      containers:
                      - {name: discovery, image: "gcr.io/gke-release/asm/pilot:1.5.10-asm.2"}
                      - {name: istio-proxy, image: "gcr.io/gke-release/asm/proxyv2:1.5.10-asm.2"}
                    status: {phase: Running}
                  - spec:
                      containers:
                      - {name: discovery, image: "registry.local:5000/pilot"}
                    status: {phase: Pending}
                """);

        ProcessRun status = localKubectl("iop.yaml", statusTemplate);
        ProcessRun pods = localKubectl("pods.yaml", podTemplate.replace("{range .items[*]}", "{range .list.items[*]}"));

        assertThat(STATUS_CALL).endsWith(" -o " + statusTemplate);
        assertThat(status.stdout()).as(status.toString()).isEqualTo("ERROR|r-1|HEALTHY|ERROR|||image pull | failed");
        assertThat(pods.stdout()).as(pods.toString()).isEqualTo("""
                Running discovery=gcr.io/gke-release/asm/pilot:1.5.10-asm.2 istio-proxy=gcr.io/gke-release/asm/proxyv2:1.5.10-asm.2\s
                Pending discovery=registry.local:5000/pilot\s
                """);
    }

    private ProcessRun localKubectl(String file, String template) throws Exception {
        return ProcessRun.run(List.of(realKubectl.toString(), "patch", "--local", "-f", file, "--type", "merge",
                "-p", "{}", "-o", template), work);
    }

    private static String constant(String script, String name) {
        return script.lines()
                .filter(line -> line.startsWith(name + "='") && line.endsWith("'"))
                .map(line -> line.substring(name.length() + 2, line.length() - 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not found in istioctl"));
    }

    private void statuses(String... lines) throws Exception {
        Files.writeString(state.resolve("statuses"), String.join("\n", lines) + "\n");
    }

    private List<String> calls() throws Exception {
        Path log = state.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private Map<String, String> withEnv(String name, String value) {
        Map<String, String> copy = new HashMap<>(environment);
        copy.put(name, value);
        return copy;
    }
}
