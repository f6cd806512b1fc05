package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service listens where its image, its Deployment, its probes and its scrape annotation say: the port of
 * its application.properties, and its Dockerfile copies that module's fast-jar.
 */
class ServicePortsTest {

    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE (\\d+)$");

    @ParameterizedTest
    @ValueSource(strings = {"orchestrator", "artifact-service", "sidecar-roller", "cluster-agent"})
    void imageDeploymentAndScrapeUseTheServicesPort(String service) {
        Matcher port = HTTP_PORT.matcher(DeployTree.read(
                DeployTree.repository().resolve(service + "/src/main/resources/application.properties")));
        assertThat(port.find()).as(service + " sets quarkus.http.port").isTrue();
        String expected = port.group(1);

        String dockerfile = DeployTree.read(DeployTree.root().resolve("docker/" + service + ".Dockerfile"));
        Matcher expose = EXPOSE.matcher(dockerfile);
        assertThat(expose.find()).isTrue();
        assertThat(expose.group(1)).isEqualTo(expected);
        assertThat(dockerfile).contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"", "USER 185", "WORKDIR /deployments");
        List<String> kafkaMounts = new ArrayList<>();

        String kustomization = service.equals("cluster-agent") ? "agent/base" : "hub/overlays/production";
        List<JsonNode> docs = DeployTree.documents(new Kubectl().kustomize(DeployTree.root().resolve(kustomization)));
        JsonNode pod = DeployTree.named(docs, "Deployment", service).path("spec").path("template");
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText()).isEqualTo(expected);
        JsonNode container = pod.path("spec").path("containers").get(0);
        List<String> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asText()));
        assertThat(ports).containsExactly(expected);
        container.path("volumeMounts").forEach(m -> {
            if (m.path("name").asText().equals("kafka-client")) {
                kafkaMounts.add(m.path("mountPath").asText());
            }
        });
        assertThat(kafkaMounts).as("Kafka client settings where Quarkus reads config/application.properties")
                .containsExactly("/deployments/config");
        assertThat(container.path("image").asText()).startsWith("meshfleet/" + service + ":");
        JsonNode servicePort = DeployTree.named(docs, "Service", service).path("spec").path("ports").get(0);
        assertThat(servicePort.path("targetPort").asText()).isEqualTo("http");
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    }
}
