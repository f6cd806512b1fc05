package io.meshfleet.agent.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Installs through an in-cluster operator: applies the IstioOperator {@value #NAME} in istio-system with the
 * release's profile (its {@code manifests/profiles/default.yaml} and {@code <profile>.yaml} merged, as istioctl
 * would), {@code tag} = the version and the overlay on top, then waits until the operator has reconciled that
 * generation ({@code status.observedGeneration}) to {@code HEALTHY}, or reports {@code ERROR} with its message.
 * Applying the same spec again changes no generation, so a re-run finds it reconciled.
 */
public final class OperatorInstaller implements ControlPlaneInstaller {

    /** The IstioOperator this adapter owns. */
    public static final String NAME = "meshfleet-control-plane";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration POLL = Duration.ofMillis(250);

    private final Clock clock;

    public OperatorInstaller(Clock clock) {
        this.clock = clock;
    }

    @Override
    public InstallerOutcome install(InstallTarget target) throws InterruptedException {
        Map<String, Object> spec;
        try {
            spec = new LinkedHashMap<>();
            Path profiles = target.release().releaseDir().resolve("manifests").resolve("profiles");
            deepMerge(spec, profileSpec(profiles.resolve("default.yaml")));
            deepMerge(spec, profileSpec(profiles.resolve(target.profile() + ".yaml")));
        } catch (IOException e) {
            return InstallerOutcome.failed("UNKNOWN_PROFILE", "the release " + target.version() + " has no usable "
                    + "profile " + target.profile() + ": " + e.getMessage(), "");
        }
        spec.put("profile", target.profile());
        spec.put("tag", target.version());
        deepMerge(spec, target.overlay());
        spec.put("tag", target.version()); // an overlay never pins another release

        KubernetesClient client = target.cluster().client();
        if (client.namespaces().withName("istio-system").get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("istio-system").endMetadata().build()).create();
        }
        Resource<GenericKubernetesResource> resource = client
                .genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator")
                .inNamespace("istio-system").withName(NAME);
        GenericKubernetesResource existing = resource.get();
        GenericKubernetesResource desired = new GenericKubernetesResource();
        desired.setApiVersion("install.istio.io/v1alpha1");
        desired.setKind("IstioOperator");
        desired.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace("istio-system")
                .addToAnnotations("install.meshfleet.io/version", target.version()).build());
        desired.setAdditionalProperty("spec", spec);
        GenericKubernetesResource applied;
        if (existing == null) {
            applied = resource.create(desired);
        } else {
            desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            applied = client.genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator")
                    .inNamespace("istio-system").resource(desired).update();
        }
        long generation = applied.getMetadata().getGeneration() == null ? 1 : applied.getMetadata().getGeneration();
        String log = "applied IstioOperator istio-system/" + NAME + " generation " + generation + " (tag "
                + target.version() + ", profile " + target.profile() + ")\n";
        while (clock.instant().isBefore(target.deadline())) {
            GenericKubernetesResource now = resource.get();
            Map<?, ?> status = now == null ? null : (Map<?, ?>) now.getAdditionalProperties().get("status");
            if (status != null && status.get("observedGeneration") instanceof Number observed
                    && observed.longValue() >= generation) {
                Object state = status.get("status");
                if ("HEALTHY".equals(state)) {
                    return InstallerOutcome.ok("the operator reconciled generation " + generation,
                            log + "status HEALTHY\n");
                }
                if ("ERROR".equals(state)) {
                    return InstallerOutcome.failed("CONTROL_PLANE_ERROR", "the operator reported ERROR: "
                            + status.get("message"), log + "status ERROR: " + status.get("message") + "\n");
                }
            }
            Thread.sleep(POLL.toMillis()); // polling the operator's status between reads of the API server
        }
        return InstallerOutcome.failed("TIMEOUT", "the operator did not report generation " + generation
                + " HEALTHY by the deadline", log);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profileSpec(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.getFileName() + " is missing");
        }
        Map<String, Object> profile = YAML.readValue(file.toFile(), Map.class);
        Object spec = profile == null ? null : profile.get("spec");
        return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> base, Map<String, Object> over) {
        over.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overMap && base.get(key) instanceof Map<?, ?> baseMap) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) baseMap);
                deepMerge(merged, (Map<String, Object>) overMap);
                base.put(key, merged);
            } else {
                base.put(key, value);
            }
        });
    }
}
