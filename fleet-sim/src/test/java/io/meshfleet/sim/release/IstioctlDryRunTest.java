package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release's istioctl parsing its arguments and composing the IstioOperator, with no cluster at all. */
class IstioctlDryRunTest {

    private static final Map<String, String> ENV = Map.of("ISTIOCTL_REQUEST_ID", "req-1");

    @TempDir
    static Path shared;

    private static ExtractedRelease release;

    @TempDir
    Path work;

    @BeforeAll
    static void unpack() throws Exception {
        release = ExtractedRelease.create(shared);
    }

    @Test
    void theSeedsCommandComposesTheAsmMulticloudOperator() throws Exception {
        ProcessRun run = release.istioctl(work, ENV, "install", "--dry-run", "--set", "profile=asm-multicloud");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines().filter(line -> line.startsWith("# merge: "))).containsExactly(
                "# merge: profile default (built in, under every profile)",
                "# merge: profile asm-multicloud (built in)",
                "# merge: release defaults {\"spec\":{\"profile\":\"asm-multicloud\",\"hub\":\"gcr.io/gke-release/asm\",\"tag\":\"1.5.10-asm.2\"}}",
                "# merge: --set profile=asm-multicloud {\"spec\":{\"profile\":\"asm-multicloud\"}}");
        assertThat(run.stdout()).contains(
                "kubectl get namespace istio-system\n",
                "kubectl create namespace istio-system\n",
                "kubectl get istiooperators.install.istio.io meshfleet-install -n istio-system -o 'jsonpath={.metadata.resourceVersion}'\n",
                "kubectl create -f - --validate=false\n",
                "kubectl replace -f - --validate=false\n",
                "every 2s, for at most 300s, until .status.status is HEALTHY or ERROR and .status.observedRequestId is req-1",
                "kubectl get istiooperators.install.istio.io meshfleet-install -n istio-system -o 'jsonpath={.status.status}|{.status.observedRequestId}|");
        JsonNode operator = ExtractedRelease.dryRunOperator(run.stdout());
        assertThat(operator.at("/apiVersion").asText()).isEqualTo("install.istio.io/v1alpha1");
        assertThat(operator.at("/kind").asText()).isEqualTo("IstioOperator");
        assertThat(operator.at("/metadata/name").asText()).isEqualTo("meshfleet-install");
        assertThat(operator.at("/metadata/namespace").asText()).isEqualTo("istio-system");
        assertThat(operator.at("/metadata/annotations/install.meshfleet.io~1request-id").asText()).isEqualTo("req-1");
        assertThat(operator.at("/metadata/annotations/install.meshfleet.io~1istioctl-version").asText()).isEqualTo("1.5.10-asm.2");
        assertThat(operator.at("/spec/profile").asText()).isEqualTo("asm-multicloud");
        assertThat(operator.at("/spec/tag").asText()).isEqualTo("1.5.10-asm.2");
        assertThat(operator.at("/spec/hub").asText()).isEqualTo("gcr.io/gke-release/asm");
        // asm-multicloud over default: its own values win, default's fill the rest
        assertThat(operator.at("/spec/components/pilot/k8s/resources/requests/cpu").asText()).isEqualTo("1000m");
        assertThat(operator.at("/spec/components/pilot/k8s/resources/requests/memory").asText()).isEqualTo("2048Mi");
        assertThat(operator.at("/spec/components/ingressGateways/0/enabled").asBoolean()).isTrue();
        assertThat(operator.at("/spec/addonComponents/kiali/enabled").asBoolean()).isTrue();
        assertThat(operator.at("/spec/meshConfig/protocolDetectionTimeout").asText()).isEqualTo("0s");
        assertThat(operator.has("status")).isFalse();
    }

    @Test
    void overlaysThenSetsAreMergedInOrderAndTyped() throws Exception {
        Files.writeString(work.resolve("overlay.yaml"), """
                # carried over from the previous install
                apiVersion: install.istio.io/v1alpha1
                kind: IstioOperator
                metadata:
                  name: previous
                spec:
                  addonComponents:
                    grafana:
                      enabled: true
                  values:
                    global:
                      proxy:
                        logLevel: debug
                      meshID: overlay-mesh
                """);

        ProcessRun run = release.istioctl(work, ENV, "install", "--dry-run",
                "-f", "overlay.yaml",
                "--set", "values.global.proxy.logLevel=info",
                "--set=components.cni.enabled=true",
                "-s", "values.pilot.traceSampling=1.5",
                "--set", "values.global.meshID=say \"hi\"",
                "--set", "meshConfig.accessLogFile=/dev/stdout",
                "--set", "addonComponents.prometheus.enabled=false",
                "--set", "profile=asm-multicloud");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines().filter(line -> line.startsWith("# merge: -f") || line.startsWith("# merge: --set")))
                .containsExactly(
                        "# merge: -f overlay.yaml (its spec)",
                        "# merge: --set values.global.proxy.logLevel=info {\"spec\":{\"values\":{\"global\":{\"proxy\":{\"logLevel\":\"info\"}}}}}",
                        "# merge: --set components.cni.enabled=true {\"spec\":{\"components\":{\"cni\":{\"enabled\":true}}}}",
                        "# merge: --set values.pilot.traceSampling=1.5 {\"spec\":{\"values\":{\"pilot\":{\"traceSampling\":1.5}}}}",
                        "# merge: --set values.global.meshID=say \"hi\" {\"spec\":{\"values\":{\"global\":{\"meshID\":\"say \\\"hi\\\"\"}}}}",
                        "# merge: --set meshConfig.accessLogFile=/dev/stdout {\"spec\":{\"meshConfig\":{\"accessLogFile\":\"/dev/stdout\"}}}",
                        "# merge: --set addonComponents.prometheus.enabled=false {\"spec\":{\"addonComponents\":{\"prometheus\":{\"enabled\":false}}}}",
                        "# merge: --set profile=asm-multicloud {\"spec\":{\"profile\":\"asm-multicloud\"}}");
        JsonNode spec = ExtractedRelease.dryRunOperator(run.stdout()).at("/spec");
        assertThat(spec.at("/values/global/proxy/logLevel").asText()).isEqualTo("info");
        assertThat(spec.at("/values/global/meshID").asText()).isEqualTo("say \"hi\"");
        assertThat(spec.at("/values/pilot/traceSampling").isNumber()).isTrue();
        assertThat(spec.at("/values/pilot/traceSampling").asDouble()).isEqualTo(1.5);
        assertThat(spec.at("/values/pilot/enableProtocolSniffingForInbound").asBoolean(true)).isFalse();
        assertThat(spec.at("/components/cni/enabled").isBoolean()).isTrue();
        assertThat(spec.at("/components/cni/enabled").asBoolean()).isTrue();
        assertThat(spec.at("/meshConfig/accessLogFile").asText()).isEqualTo("/dev/stdout");
        assertThat(spec.at("/addonComponents/grafana/enabled").asBoolean()).isTrue();
        assertThat(spec.at("/addonComponents/prometheus/enabled").asBoolean(true)).isFalse();
        assertThat(spec.at("/profile").asText()).isEqualTo("asm-multicloud");
        assertThat(ExtractedRelease.dryRunOperator(run.stdout()).at("/metadata/name").asText()).isEqualTo("meshfleet-install");
    }

    @Test
    void anOverlayNamesTheProfileAndMayOverrideTheTag() throws Exception {
        Files.writeString(work.resolve("minimal.yaml"), """
                apiVersion: install.istio.io/v1alpha1
                kind: IstioOperator
                spec:
                  profile: minimal
                  tag: 1.5.9-asm.1
                """);

        ProcessRun fromOverlay = release.istioctl(work, ENV, "install", "--dry-run", "-f", "minimal.yaml");
        ProcessRun setWins = release.istioctl(work, ENV, "install", "--dry-run", "--filename=minimal.yaml",
                "--set", "profile=default", "--set", "tag=1.5.10");

        assertThat(fromOverlay.exitCode()).as(fromOverlay.toString()).isZero();
        JsonNode minimal = ExtractedRelease.dryRunOperator(fromOverlay.stdout()).at("/spec");
        assertThat(minimal.at("/profile").asText()).isEqualTo("minimal");
        assertThat(minimal.at("/tag").asText()).isEqualTo("1.5.9-asm.1");
        assertThat(minimal.at("/components/ingressGateways/0/enabled").asBoolean(true)).isFalse();
        assertThat(fromOverlay.stdout()).contains("# merge: profile minimal (built in)\n");

        JsonNode overridden = ExtractedRelease.dryRunOperator(setWins.stdout()).at("/spec");
        assertThat(overridden.at("/profile").asText()).isEqualTo("default");
        assertThat(overridden.at("/tag").isTextual()).isTrue();
        assertThat(overridden.at("/tag").asText()).isEqualTo("1.5.10");
        assertThat(setWins.stdout()).doesNotContain("under every profile");
    }

    @Test
    void kubeconfigAndContextGoOnEveryClusterCommand() throws Exception {
        ProcessRun run = release.istioctl(work, ENV, "install", "--dry-run",
                "--kubeconfig", "/clusters/user 1.yaml", "--context=user-1", "--readiness-timeout", "1m30s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().lines().filter(line -> line.startsWith("kubectl ")))
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).startsWith("kubectl '--kubeconfig=/clusters/user 1.yaml' --context=user-1 "));
        assertThat(run.stdout()).contains("for at most 90s");
        assertThat(ExtractedRelease.dryRunOperator(run.stdout()).at("/spec/profile").asText()).isEqualTo("default");
    }

    @Test
    void withoutYesItRefusesBeforeTouchingAnything() throws Exception {
        Path bin = Files.createDirectory(work.resolve("bin"));
        Path kubectl = Files.writeString(bin.resolve("kubectl"), "#!/bin/sh\necho \"$*\" >>\"$0.called\"\n");
        kubectl.toFile().setExecutable(true);

        ProcessRun run = release.istioctl(work, Map.of("PATH", bin + ":" + System.getenv("PATH")),
                "install", "--set", "profile=asm-multicloud");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(bin.resolve("kubectl.called")).doesNotExist();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo(
                "Error: refusing to install without confirmation: pass -y (--skip-confirmation); this istioctl never prompts\n");
    }

    @Test
    void anUnknownFlagPrintsTheUsage() throws Exception {
        ProcessRun run = release.istioctl(work, ENV, "install", "-y", "--force");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("Error: unknown flag: --force\n")
                .contains("Usage:\n  istioctl install -y [--set PATH=VALUE]... [-f FILE]... [flags]")
                .contains("--readiness-timeout DUR")
                .contains("Profiles: asm-multicloud default minimal");
    }

    @Test
    void badInputIsAUsageErrorWithAReason() throws Exception {
        Files.writeString(work.resolve("deployment.yaml"), "apiVersion: apps/v1\nkind: Deployment\n");

        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--set", "gateways.enabled=true"))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.stderr()).startsWith("Error: unsupported --set path \"gateways.enabled\""));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--set", "components.pilot.enabled=yes"))
                .satisfies(run -> assertThat(run.stderr()).contains("expects true or false"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--set", "values.global.proxy"))
                .satisfies(run -> assertThat(run.stderr()).contains("--set expects PATH=VALUE"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--set", "values.a=1\nvalues.b=2"))
                .satisfies(run -> assertThat(run.stderr()).contains("--set takes a single line"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--set", "profile=demo"))
                .satisfies(run -> assertThat(run.stderr()).contains("unknown profile \"demo\" (profiles: asm-multicloud default minimal)"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "-f", "missing.yaml"))
                .satisfies(run -> assertThat(run.stderr()).contains("-f missing.yaml: no such file"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "-f", "deployment.yaml"))
                .satisfies(run -> assertThat(run.stderr()).contains("not an IstioOperator"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "--readiness-timeout", "5 minutes"))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.stderr()).contains("invalid --readiness-timeout"));
        assertThat(release.istioctl(work, ENV, "install", "--dry-run", "-f"))
                .satisfies(run -> assertThat(run.stderr()).startsWith("Error: flag needs an argument: -f"));
        assertThat(release.istioctl(work, ENV, "upgrade"))
                .satisfies(run -> assertThat(run.exitCode()).isEqualTo(2))
                .satisfies(run -> assertThat(run.stderr()).startsWith("Error: unknown command \"upgrade\" for \"istioctl\""));
    }

    @Test
    void versionWithoutTheClusterIsTheBakedInVersion() throws Exception {
        ProcessRun run = release.istioctl(work, Map.of(), "version", "--remote=false");
        ProcessRun help = release.istioctl(work, Map.of(), "help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("client version: 1.5.10-asm.2\n");
        assertThat(help.stdout()).startsWith("istioctl 1.5.10-asm.2 (simulated release");
    }
}
