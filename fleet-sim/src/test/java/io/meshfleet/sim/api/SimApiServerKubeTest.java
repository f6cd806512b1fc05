package io.meshfleet.sim.api;

import static io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.TestObjects.pod;
import static io.meshfleet.sim.store.TestObjects.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The HTTP surface itself: routing of several clusters, discovery, Status errors, Tables, chunked watches. */
class SimApiServerKubeTest {

    private static SimApiServer server;
    private static SimCluster alpha;
    private static SimCluster beta;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static int namespaces;

    private String ns;

    @BeforeAll
    static void start() {
        server = new SimApiServer(SimApiServer.Settings.DEFAULTS
                .withStoreOptions(StoreOptions.DEFAULTS.withHistoryLimit(16))).start();
        alpha = server.addCluster("alpha");
        beta = server.addCluster("beta");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void namespace(TestInfo test) {
        ns = "http-" + (++namespaces);
        for (SimCluster cluster : List.of(alpha, beta)) {
            var object = Json.object();
            object.putObject("metadata").put("name", ns);
            cluster.store().create(io.meshfleet.sim.store.BuiltInResources.NAMESPACES, null, object);
        }
    }

    private record Reply(int code, String contentType, JsonNode body) {
    }

    private static Reply send(String method, String url, String contentType, String body, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? null : Json.parse(response.body());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    private static Reply get(String url) throws IOException, InterruptedException {
        return send("GET", url, null, null, null);
    }

    @Test
    void eachClusterHasItsOwnObjectsUnderItsPathPrefix() throws Exception {
        alpha.store().create(PODS, ns, pod("only-in-alpha", Map.of(), "app"));
        assertThat(alpha.url()).isEqualTo(server.baseUrl() + "/clusters/alpha");
        assertThat(get(alpha.url() + "/api/v1/namespaces/" + ns + "/pods").body().path("items")).hasSize(1);
        assertThat(get(beta.url() + "/api/v1/namespaces/" + ns + "/pods").body().path("items")).isEmpty();
        Reply unknown = get(server.baseUrl() + "/clusters/gamma/api/v1/pods");
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.body().path("kind").asText()).isEqualTo("Status");
    }

    @Test
    void discoveryDocuments() throws Exception {
        JsonNode version = get(alpha.url() + "/version").body();
        assertThat(version.path("gitVersion").asText()).isEqualTo("v1.32.4");
        assertThat(version.path("minor").asText()).isEqualTo("32");
        assertThat(get(alpha.url() + "/api").body().path("versions").toString()).isEqualTo("[\"v1\"]");
        JsonNode groups = get(alpha.url() + "/apis").body();
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.findValuesAsText("name")).contains("apps", "policy", "install.istio.io");
        JsonNode apps = get(alpha.url() + "/apis/apps/v1").body();
        JsonNode deployments = resource(apps, "deployments");
        assertThat(deployments.path("shortNames").toString()).isEqualTo("[\"deploy\"]");
        assertThat(deployments.path("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(deployments.path("verbs")).hasSize(8);
        assertThat(resource(apps, "deployments/scale").path("kind").asText()).isEqualTo("Scale");
        assertThat(resource(get(alpha.url() + "/api/v1").body(), "pods/eviction").path("group").asText())
                .isEqualTo("policy");
        assertThat(resource(get(alpha.url() + "/apis/install.istio.io/v1alpha1").body(), "istiooperators")
                .path("shortNames").get(0).asText()).isEqualTo("iop");
        assertThat(get(alpha.url() + "/apis/example.com/v1").code()).isEqualTo(404);
        assertThat(get(alpha.url() + "/openapi/v2").code()).isEqualTo(404);
        assertThat(get(alpha.url() + "/openapi/v3").body().path("paths").has("apis/apps/v1")).isTrue();
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    @Test
    void errorsAreKubernetesStatusObjects() throws Exception {
        String pods = alpha.url() + "/api/v1/namespaces/" + ns + "/pods";
        Reply missing = get(pods + "/nope");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.body().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"pods \\\"nope\\\" not found\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"nope\",\"kind\":\"pods\"},\"code\":404}");

        String body = new String(Json.bytes(pod("web", Map.of(), "app")), StandardCharsets.UTF_8);
        assertThat(send("POST", pods, "application/json", body, null).code()).isEqualTo(201);
        Reply duplicate = send("POST", pods, "application/json", body, null);
        assertThat(duplicate.code()).isEqualTo(409);
        assertThat(duplicate.body().path("reason").asText()).isEqualTo("AlreadyExists");

        Reply stale = send("PUT", pods + "/web", "application/json",
                body.replace("\"name\":\"web\"", "\"name\":\"web\",\"resourceVersion\":\"1\""), null);
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.body().path("reason").asText()).isEqualTo("Conflict");

        Reply unsupported = send("PATCH", pods + "/web", "text/plain", "{}", null);
        assertThat(unsupported.code()).isEqualTo(415);
        assertThat(unsupported.body().path("reason").asText()).isEqualTo("UnsupportedMediaType");

        Reply badPatch = send("PATCH", pods + "/web", "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]", null);
        assertThat(badPatch.code()).isEqualTo(422);
        assertThat(badPatch.body().path("reason").asText()).isEqualTo("Invalid");

        Reply invalid = send("POST", pods, "application/json", body.replace("\"web\"", "\"Web_1\""), null);
        assertThat(invalid.code()).isEqualTo(422);
    }

    @Test
    void deleteCollectionBySelectorAndDryRun() throws Exception {
        for (String name : List.of("web-1", "web-2", "db-1")) {
            alpha.store().create(PODS, ns, pod(name, Map.of("app", name.substring(0, name.indexOf('-'))), "app"));
        }
        String pods = alpha.url() + "/api/v1/namespaces/" + ns + "/pods";
        Reply dryRun = send("DELETE", pods + "?labelSelector=app%3Dweb&dryRun=All", null, null, null);
        assertThat(dryRun.body().path("items")).hasSize(2);
        assertThat(alpha.store().list(PODS, ns).items()).hasSize(3);

        Reply deleted = send("DELETE", pods + "?labelSelector=app%3Dweb", "application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\"}", null);
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.body().path("kind").asText()).isEqualTo("PodList");
        assertThat(deleted.body().path("items")).extracting(item -> item.path("metadata").path("name").asText())
                .containsExactly("web-1", "web-2");
        assertThat(alpha.store().list(PODS, ns).names()).containsExactly("db-1");
    }

    @Test
    void blockedEvictionIs429() throws Exception {
        for (String name : List.of("web-1", "web-2")) {
            alpha.store().create(PODS, ns, pod(name, Map.of("app", "web"), "app"));
            alpha.store().editStatus(PODS, ns, name, p -> running(p, true));
        }
        String pdb = "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"maxUnavailable\":0,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}}";
        assertThat(send("POST", alpha.url() + "/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets",
                "application/json", pdb, null).code()).isEqualTo(201);
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-1\"}}";
        Reply blocked = send("POST", alpha.url() + "/api/v1/namespaces/" + ns + "/pods/web-1/eviction",
                "application/json", eviction, null);
        assertThat(blocked.code()).isEqualTo(429);
        assertThat(blocked.body().path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(blocked.body().path("details").path("causes").get(0).path("reason").asText())
                .isEqualTo("DisruptionBudget");
    }

    @Test
    void tablesForKubectl() throws Exception {
        alpha.store().create(PODS, ns, pod("web", Map.of(), "app", "istio-proxy"));
        alpha.store().editStatus(PODS, ns, "web", p -> running(p, true));
        String accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        JsonNode table = send("GET", alpha.url() + "/api/v1/namespaces/" + ns + "/pods", null, null, accept).body();
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .startsWith("Name", "Ready", "Status", "Restarts", "Age");
        JsonNode row = table.path("rows").get(0);
        assertThat(row.path("cells").get(0).asText()).isEqualTo("web");
        assertThat(row.path("cells").get(1).asText()).isEqualTo("2/2");
        assertThat(row.path("cells").get(2).asText()).isEqualTo("Running");
        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("namespace").asText()).isEqualTo(ns);

        JsonNode withObjects = send("GET", alpha.url() + "/api/v1/namespaces/" + ns + "/pods?includeObject=Object",
                null, null, accept).body();
        assertThat(withObjects.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("Pod");
        JsonNode single = send("GET", alpha.url() + "/api/v1/namespaces/" + ns + "/pods/web?includeObject=None",
                null, null, accept).body();
        assertThat(single.path("rows")).hasSize(1);
        assertThat(single.path("rows").get(0).has("object")).isFalse();
    }

    @Test
    void chunkedWatchStreamsEventsAndAnswersTooOldWith410() throws Exception {
        String pods = alpha.url() + "/api/v1/namespaces/" + ns + "/pods";
        alpha.store().create(PODS, ns, pod("before", Map.of(), "app"));
        String from = Long.toString(alpha.store().resourceVersion());
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(pods
                + "?watch=true&resourceVersion=" + from + "&timeoutSeconds=30")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("closed");
            }
        });
        reader.setDaemon(true);
        reader.start();
        alpha.store().create(PODS, ns, pod("after", Map.of(), "app"));
        alpha.store().delete(PODS, ns, "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() >= 2);
        JsonNode added = Json.parse(lines.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(added.path("type").asText()).isEqualTo("ADDED");
        assertThat(added.path("object").path("metadata").path("name").asText()).isEqualTo("after");
        assertThat(Json.parse(lines.get(1).getBytes(StandardCharsets.UTF_8)).path("type").asText())
                .isEqualTo("DELETED");
        stream.body().close();

        for (int i = 0; i < 20; i++) {
            var cm = Json.object();
            cm.putObject("metadata").put("name", "churn-" + i);
            alpha.store().create(CONFIG_MAPS, ns, cm);
        }
        HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(URI.create(pods + "?watch=true&resourceVersion="
                + from)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode error = Json.parse(gone.body().strip().getBytes(StandardCharsets.UTF_8));
        assertThat(error.path("type").asText()).isEqualTo("ERROR");
        assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
        assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
        await().atMost(Duration.ofSeconds(10)).until(() -> alpha.store().watchCount() == 0);
    }

    @Test
    void watchListSendsInitialEventsThenABookmark() throws Exception {
        alpha.store().create(PODS, ns, pod("existing", Map.of(), "app"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(alpha.url() + "/api/v1/namespaces/"
                + ns + "/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                + "&allowWatchBookmarks=true&timeoutSeconds=1")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(0).getBytes()).path("type").asText()).isEqualTo("ADDED");
        JsonNode bookmark = Json.parse(lines.get(1).getBytes());
        assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
        assertThat(bookmark.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end")
                .asText()).isEqualTo("true");
    }

    @Test
    void requestsCanBeRecordedForAdapterTests() throws Exception {
        beta.recordRequests(true);
        try {
            get(beta.url() + "/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3Dweb");
            send("DELETE", beta.url() + "/api/v1/namespaces/" + ns + "/pods/nope", null, null, null);
            assertThat(beta.requests()).extracting(RecordedRequest::toString).containsExactly(
                    "GET /api/v1/namespaces/" + ns + "/pods?labelSelector=app%3Dweb",
                    "DELETE /api/v1/namespaces/" + ns + "/pods/nope");
        } finally {
            beta.recordRequests(false);
        }
    }
}
