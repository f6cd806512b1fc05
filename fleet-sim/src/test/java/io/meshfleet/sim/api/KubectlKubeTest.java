package io.meshfleet.sim.api;

import static io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS;
import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;
import static io.meshfleet.sim.store.BuiltInResources.SECRETS;
import static io.meshfleet.sim.store.TestObjects.deployment;
import static io.meshfleet.sim.store.TestObjects.ownerReference;
import static io.meshfleet.sim.store.TestObjects.pod;
import static io.meshfleet.sim.store.TestObjects.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.TestObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The real kubectl (google-cloud-cli's 1.32) against a simulated cluster. */
class KubectlKubeTest {

    private static TestCluster sim;
    private static Kubectl kubectl;

    private String ns;

    @BeforeAll
    static void start() {
        assumeTrue(Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY
                + "; these tests need the real binary (CI installs google-cloud-cli's kubectl)");
        sim = new TestCluster("edge-kubectl");
        kubectl = new Kubectl(sim.kubeconfig(), sim.directory().resolve("cache"));
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void namespace(TestInfo test) {
        ns = sim.namespace(test.getTestMethod().orElseThrow().getName());
    }

    private ClusterStore store() {
        return sim.store();
    }

    @Test
    void getNamespaces() {
        String out = kubectl.run("get", "ns").ok();
        assertThat(out).containsPattern("NAME\\s+STATUS\\s+AGE")
                .containsPattern("(?m)^" + ns + "\\s+Active\\s+\\d+s$")
                .containsPattern("(?m)^kube-system\\s+Active");
    }

    @Test
    void getPodsPrintsReadyStatusRestartsAndAge() {
        store().create(PODS, ns, pod("web-1", Map.of("app", "web"), "app", "istio-proxy"));
        store().editStatus(PODS, ns, "web-1", p -> running(p, true));
        store().create(PODS, ns, pod("web-2", Map.of("app", "web"), "app", "istio-proxy"));
        store().editStatus(PODS, ns, "web-2", p -> {
            running(p, false);
            ObjectNode crashing = (ObjectNode) p.path("status").path("containerStatuses").get(0);
            crashing.put("restartCount", 5);
            crashing.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff");
        });
        store().create(PODS, ns, pod("web-3", Map.of("app", "web"), "app"));

        String out = kubectl.run("get", "pod", "-n", ns).ok();

        assertThat(out).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
                .containsPattern("(?m)^web-1\\s+2/2\\s+Running\\s+0\\s+\\d+s$")
                .containsPattern("(?m)^web-2\\s+0/2\\s+CrashLoopBackOff\\s+5\\s+\\d+s$")
                .containsPattern("(?m)^web-3\\s+0/1\\s+Pending\\s+0\\s+\\d+s$");
        assertThat(kubectl.run("get", "pods", "-n", ns, "-l", "app=web", "-o", "wide").ok())
                .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE");
        assertThat(kubectl.run("get", "pods", "-n", ns, "--field-selector", "status.phase=Pending",
                "-o", "name").ok()).isEqualTo("pod/web-3\n");
    }

    @Test
    void applyCreatesThenConfiguresADeployment() throws IOException {
        Path file = sim.directory().resolve(ns + "-deployment.yaml");
        Files.writeString(file, deploymentYaml("nginx:1.25"));
        assertThat(kubectl.run("apply", "-f", file.toString()).ok())
                .isEqualTo("deployment.apps/web created\n");
        assertThat(kubectl.run("apply", "-f", file.toString()).ok())
                .isEqualTo("deployment.apps/web unchanged\n");

        Files.writeString(file, deploymentYaml("nginx:1.27"));
        assertThat(kubectl.run("apply", "-f", file.toString()).ok())
                .isEqualTo("deployment.apps/web configured\n");

        ObjectNode stored = store().require(DEPLOYMENTS, ns, "web");
        assertThat(stored.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText())
                .isEqualTo("nginx:1.27");
        assertThat(stored.path("spec").path("template").path("spec").path("containers").get(0).path("env"))
                .hasSize(1);
        assertThat(stored.path("metadata").path("generation").asInt()).isEqualTo(2);

        Files.writeString(file, deploymentYaml("nginx:1.28"));
        assertThat(kubectl.run("apply", "--server-side", "-f", file.toString()).ok())
                .isEqualTo("deployment.apps/web serverside-applied\n");
        assertThat(kubectl.run("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .ok().strip()).isEqualTo("nginx:1.28");
    }

    private String deploymentYaml(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: %s
                  labels: {app: web}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: %s
                        ports: [{containerPort: 80}]
                        env: [{name: MODE, value: "sim"}]
                """.formatted(ns, image);
    }

    @Test
    void labelAndAnnotate() {
        store().create(PODS, ns, pod("web", Map.of("app", "web"), "app"));
        assertThat(kubectl.run("label", "pod", "web", "-n", ns, "tier=front").ok()).isEqualTo("pod/web labeled\n");
        assertThat(kubectl.run("annotate", "pod", "web", "-n", ns, "meshfleet.io/note=hello").ok())
                .isEqualTo("pod/web annotated\n");
        assertThat(kubectl.run("label", "pod", "web", "-n", ns, "app-").ok()).isEqualTo("pod/web unlabeled\n");
        ObjectNode meta = (ObjectNode) store().require(PODS, ns, "web").get("metadata");
        assertThat(meta.path("labels").toString()).isEqualTo("{\"tier\":\"front\"}");
        assertThat(meta.path("annotations").path("meshfleet.io/note").asText()).isEqualTo("hello");
    }

    @Test
    void rolloutRestartPatchesTheTemplateAnnotation() {
        store().create(DEPLOYMENTS, ns, deployment("web", 2));
        assertThat(kubectl.run("rollout", "restart", "deployment/web", "-n", ns).ok())
                .isEqualTo("deployment.apps/web restarted\n");
        ObjectNode stored = store().require(DEPLOYMENTS, ns, "web");
        assertThat(stored.path("spec").path("template").path("metadata").path("annotations")
                .path("kubectl.kubernetes.io/restartedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(stored.path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void scaleUsesTheScaleSubresource() {
        store().create(DEPLOYMENTS, ns, deployment("web", 2));
        assertThat(kubectl.run("scale", "deployment/web", "-n", ns, "--replicas=5").ok())
                .isEqualTo("deployment.apps/web scaled\n");
        assertThat(store().require(DEPLOYMENTS, ns, "web").path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(kubectl.run("get", "deploy", "-n", ns).ok())
                .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
                .containsPattern("(?m)^web\\s+0/5\\s+0\\s+0\\s+\\d+s$");
    }

    @Test
    void getPodsWatchStreamsNewPods() {
        store().create(PODS, ns, pod("first", Map.of(), "app"));
        try (Kubectl.Running watch = kubectl.background("get", "pods", "-n", ns, "-w")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.stdout()).contains("first"));
            store().create(PODS, ns, pod("second", Map.of(), "app", "istio-proxy"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.stdout())
                    .containsPattern("(?m)^second\\s+0/2\\s+Pending"));
            store().editStatus(PODS, ns, "second", p -> running(p, true));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.stdout())
                    .containsPattern("(?m)^second\\s+2/2\\s+Running"));
        }
    }

    @Test
    void waitForConditionUsesAWatch() {
        store().create(PODS, ns, pod("web", Map.of(), "app"));
        try (Kubectl.Running wait = kubectl.background("wait", "--for=condition=Ready", "pod/web", "-n", ns,
                "--timeout=30s")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> store().watchCount() > 0);
            store().editStatus(PODS, ns, "web", p -> running(p, true));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(wait.stdout())
                    .isEqualTo("pod/web condition met\n"));
        }
    }

    @Test
    void deleteRemovesAndCascades() {
        ObjectNode deploy = store().create(DEPLOYMENTS, ns, deployment("web", 1));
        ObjectNode rs = deployment("web-5d4f", 1).put("kind", "ReplicaSet");
        rs.withObjectProperty("metadata").putArray("ownerReferences").add(ownerReference(deploy));
        store().create(REPLICA_SETS, ns, rs);
        store().create(PODS, ns, pod("solo", Map.of(), "app"));

        assertThat(kubectl.run("delete", "pod", "solo", "-n", ns).ok()).isEqualTo("pod \"solo\" deleted\n");
        assertThat(kubectl.run("delete", "deployment", "web", "-n", ns).ok())
                .isEqualTo("deployment.apps \"web\" deleted\n");
        assertThat(store().list(PODS, ns).items()).isEmpty();
        assertThat(store().list(REPLICA_SETS, ns).items()).isEmpty();

        Kubectl.Result missing = kubectl.run("get", "pod", "solo", "-n", ns);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("Error from server (NotFound): pods \"solo\" not found");
    }

    @Test
    void getIstioOperatorsByShortName() {
        if (store().get(NAMESPACES, null, "istio-system").isEmpty()) {
            store().create(NAMESPACES, null, TestObjects.namespace("istio-system"));
        }
        ObjectNode iop = Json.object().put("apiVersion", "install.istio.io/v1alpha1").put("kind", "IstioOperator");
        iop.putObject("metadata").put("name", "installed-state-" + ns);
        iop.putObject("spec").put("profile", "asm-multicloud").put("revision", "asm-1-6");
        store().create(ISTIO_OPERATORS, "istio-system", iop);
        store().editStatus(ISTIO_OPERATORS, "istio-system", "installed-state-" + ns,
                o -> o.putObject("status").put("status", "HEALTHY"));

        assertThat(kubectl.run("get", "iop", "-n", "istio-system").ok())
                .containsPattern("NAME\\s+REVISION\\s+STATUS\\s+AGE")
                .containsPattern("(?m)^installed-state-" + ns + "\\s+asm-1-6\\s+HEALTHY\\s+\\d+s$");
        assertThat(kubectl.run("get", "istiooperators.install.istio.io", "installed-state-" + ns, "-n",
                "istio-system", "-o", "jsonpath={.spec.profile}").ok().strip()).isEqualTo("asm-multicloud");
    }

    @Test
    void authCanIAnswersFromThePolicy() {
        assertThat(kubectl.run("auth", "can-i", "create", "deployments", "-n", ns).ok()).isEqualTo("yes\n");
        sim.cluster().accessPolicy(AccessPolicy.allowAll().deny("create", "apps", "deployments", AccessPolicy.ANY));
        try {
            Kubectl.Result denied = kubectl.run("auth", "can-i", "create", "deployments", "-n", ns);
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.stdout()).isEqualTo("no - denied by the simulated cluster's access policy\n");
            assertThat(kubectl.run("auth", "can-i", "delete", "deployments", "-n", ns).ok()).isEqualTo("yes\n");
            Kubectl.Result forbidden = kubectl.run("create", "deployment", "x", "--image=nginx", "-n", ns);
            assertThat(forbidden.stderr()).contains("deployments is forbidden: User \"meshfleet-sim-admin\" cannot "
                    + "create resource \"deployments\" in API group \"apps\" in the namespace \"" + ns + "\"");
        } finally {
            sim.cluster().accessPolicy(AccessPolicy.allowAll());
        }
    }

    @Test
    void drainCordonsAndEvictsThroughTheBudget() {
        String node = "node-" + ns;
        ObjectNode nodeObject = Json.object();
        nodeObject.putObject("metadata").put("name", node);
        store().create(NODES, null, nodeObject);
        for (String name : List.of("web-1", "web-2")) {
            ObjectNode p = pod(name, Map.of("app", "web"), "app");
            p.withObjectProperty("spec").put("nodeName", node);
            store().create(PODS, ns, p);
            store().editStatus(PODS, ns, name, s -> running(s, true));
        }
        ObjectNode pdb = Json.object();
        pdb.putObject("metadata").put("name", "web");
        pdb.putObject("spec").put("maxUnavailable", 1).putObject("selector").putObject("matchLabels").put("app", "web");
        store().create(POD_DISRUPTION_BUDGETS, ns, pdb);

        String out = kubectl.run("drain", node, "--force", "--timeout=20s").ok();

        assertThat(out).contains("node/" + node + " cordoned", "pod/web-1 evicted", "pod/web-2 evicted",
                "node/" + node + " drained");
        assertThat(store().list(PODS, ns).items()).isEmpty();
        assertThat(store().require(NODES, null, node)
                .path("spec").path("unschedulable").asBoolean()).isTrue();
    }

    @Test
    void createCommandsSendingProtobufWork() {
        String extra = ns + "-extra";
        assertThat(kubectl.run("create", "namespace", extra).ok()).isEqualTo("namespace/" + extra + " created\n");
        assertThat(kubectl.run("create", "configmap", "cfg", "-n", ns, "--from-literal=mesh=asm-1.6").ok())
                .isEqualTo("configmap/cfg created\n");
        assertThat(kubectl.run("create", "secret", "generic", "token", "-n", ns, "--from-literal=t=s3cr3t").ok())
                .isEqualTo("secret/token created\n");
        assertThat(store().require(CONFIG_MAPS, ns, "cfg")
                .path("data").path("mesh").asText()).isEqualTo("asm-1.6");
        assertThat(store().require(SECRETS, ns, "token")
                .path("data").path("t").asText()).isEqualTo("czNjcjN0");
        assertThat(kubectl.run("delete", "namespace", extra).ok())
                .isEqualTo("namespace \"" + extra + "\" deleted\n");
    }
}
