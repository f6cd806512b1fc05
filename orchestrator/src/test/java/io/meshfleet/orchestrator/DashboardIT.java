package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.orchestrator.dashboard.DashboardSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard served by the orchestrator, with real Kafka and PostgreSQL: signing in with a token kept in the
 * session cookie, the fleet, plan and audit pages, the role rules (a viewer sees no buttons and is refused the
 * actions; no action without the CSRF token), and the plan's live event stream.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class DashboardIT {

    /** A plan over the clusters of {@link #reportFleet}: {@code <suite>-a} the canary, then the rest after approval. */
    static final String PLAN = """
            name: dash-downgrade
            targetVersion: 1.5.10-asm.2
            selector: {matchLabels: {suite: SUITE}}
            waves:
              - {clusters: [SUITE-a]}
              - {percent: 100, requireApproval: true}
            """;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBrowserSignsInWithItsTokenAndSeesTheFleetPlansAndAuditTrail() {
        reportFleet("dash");
        // Without a session: the login page, remembering where the browser wanted to go.
        given().redirects().follow(false).get("/ui/fleet").then().statusCode(303)
                .header("Location", containsString("/ui/login?next=%2Fui%2Ffleet"));
        given().get("/ui/login").then().statusCode(200).body(containsString("name=\"token\""))
                .header("Content-Security-Policy", containsString("script-src 'self'"));

        // Signing in sets the token as an HttpOnly, SameSite=Strict cookie for /ui only.
        String token = Tokens.viewer();
        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("token", "Bearer " + token).formParam("next", "/ui/fleet?label=suite=dash")
                .post("/ui/login");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).endsWith("/ui/fleet?label=suite=dash");
        String setCookie = signedIn.header("Set-Cookie");
        assertThat(setCookie).startsWith(DashboardSession.COOKIE + "=").contains("HttpOnly").contains("Path=/ui")
                .containsIgnoringCase("SameSite=Strict");
        String session = signedIn.cookie(DashboardSession.COOKIE);
        assertThat(session).as("the pasted token without its Bearer prefix").isEqualTo(token);

        // An open redirect is not possible; a forged or role-less token is refused.
        assertThat(given().redirects().follow(false).contentType(ContentType.URLENC).formParam("token", Tokens.viewer())
                .formParam("next", "https://evil.example/").post("/ui/login").header("Location")).endsWith("/ui/fleet");
        given().contentType(ContentType.URLENC).formParam("token", "not-a-token").post("/ui/login").then()
                .statusCode(401).body(containsString("was not accepted"));
        given().contentType(ContentType.URLENC).formParam("token", Tokens.of("nobody", "auditor"))
                .post("/ui/login").then().statusCode(403);
        given().contentType(ContentType.URLENC).header("Origin", "https://evil.example")
                .formParam("token", Tokens.viewer()).post("/ui/login").then().statusCode(403);
        given().redirects().follow(false).contentType(ContentType.URLENC).header("Origin", base.toString()
                .replaceAll("/$", "")).formParam("token", Tokens.viewer()).post("/ui/login").then().statusCode(303);

        // Fleet: grouped by version and health, filtered by label, the admin cluster marked.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().cookie(DashboardSession.COOKIE, session)
                .queryParam("label", "suite=dash").get("/ui/fleet").then().statusCode(200)
                .body(containsString("4 of ")));
        String fleet = given().cookie(DashboardSession.COOKIE, session).queryParam("label", "suite=dash")
                .get("/ui/fleet").then().statusCode(200).extract().asString();
        assertThat(fleet).contains("data-version=\"" + FleetScript.FROM + "\"", "data-version=\"" + FleetScript.TARGET + "\"")
                .contains("data-cluster=\"dash-admin\"").contains("health-HEALTHY").contains(">ADMIN<")
                .doesNotContain("data-cluster=\"exec-canary\"");
        assertThat(section(fleet, "data-version=\"" + FleetScript.TARGET + "\"")).contains("dash-done")
                .doesNotContain("dash-a");
        given().cookie(DashboardSession.COOKIE, session).queryParam("label", "nonsense").get("/ui/fleet").then()
                .statusCode(200).body(containsString("must be key=value"));

        // An expired session sends the browser to sign in again, saying why.
        String expired = io.smallrye.jwt.build.Jwt.issuer("https://meshfleet.local").subject("vera")
                .groups(java.util.Set.of("viewer")).issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600)).sign();
        given().redirects().follow(false).cookie(DashboardSession.COOKIE, expired).get("/ui/plans").then()
                .statusCode(303).header("Location", containsString("expired=true"));
        given().get("/ui/login?expired=true").then().statusCode(200).body(containsString("Your session ended"));

        // The session cookie opens the dashboard only; the REST API stays bearer-only.
        given().cookie(DashboardSession.COOKIE, session).get("/api/v1/plans").then().statusCode(401);

        String planId = createPlan("dash");
        String plan = given().cookie(DashboardSession.COOKIE, session).get("/ui/plans/" + planId).then()
                .statusCode(200).extract().asString();
        assertThat(plan).contains("id=\"plan-state\" class=\"state state-DRAFT\"", "Canary (wave 0)", "Wave 1",
                "approval required", "data-events=\"/ui/plans/" + planId + "/events\"");
        assertThat(plan).as("a viewer sees no action buttons").doesNotContain("data-action=");
        given().cookie(DashboardSession.COOKIE, session).get("/ui/plans").then().statusCode(200)
                .body(containsString("/ui/plans/" + planId));
        given().cookie(DashboardSession.COOKIE, session).get("/ui/plans/no-such-plan").then().statusCode(404);

        // Audit: filtered, exported, verified.
        String audit = given().cookie(DashboardSession.COOKIE, session).queryParam("plan", planId).get("/ui/audit")
                .then().statusCode(200).extract().asString();
        assertThat(audit).contains("PLAN_CREATED", "alice", "/ui/audit/export?plan=" + planId + "&amp;format=csv");
        String csv = given().cookie(DashboardSession.COOKIE, session).queryParam("plan", planId)
                .queryParam("format", "csv").get("/ui/audit/export").then().statusCode(200).extract().asString();
        assertThat(csv).startsWith("seq,at,actor,plan_id").contains("PLAN_CREATED");
        given().cookie(DashboardSession.COOKIE, session).queryParam("from", "yesterday").get("/ui/audit").then()
                .statusCode(200).body(containsString("from must be a time like"));
        given().cookie(DashboardSession.COOKIE, session).get("/ui/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void aViewerGetsNoButtonsAndIsRefusedEveryActionAndOperatorsNeedTheCsrfToken() {
        reportFleet("dact");
        String planId = createPlan("dact");
        String viewer = Tokens.viewer();
        String operator = Tokens.operator();
        for (String action : List.of("start", "pause", "resume", "abort", "approve")) {
            given().cookie(DashboardSession.COOKIE, viewer).header(DashboardSession.CSRF_HEADER,
                            DashboardSession.csrfToken(viewer)).contentType(ContentType.JSON)
                    .body(Map.of("reason", "try")).post("/ui/plans/" + planId + "/" + action).then().statusCode(403);
        }
        given().cookie(DashboardSession.COOKIE, viewer).header(DashboardSession.CSRF_HEADER,
                        DashboardSession.csrfToken(viewer)).contentType(ContentType.JSON).body(Map.of("reason", "try"))
                .post("/ui/plans/" + planId + "/clusters/dact-a/retry").then().statusCode(403);
        given().cookie(DashboardSession.COOKIE, operator).header(DashboardSession.CSRF_HEADER,
                        DashboardSession.csrfToken(operator)).contentType(ContentType.JSON).body(Map.of("reason", "try"))
                .post("/ui/plans/" + planId + "/approve").then().statusCode(403);
        assertThat(planState(planId)).isEqualTo("DRAFT");

        // The operator sees the buttons of a DRAFT plan, but a request without the session's CSRF token (what a
        // page of another site could make the browser send) changes nothing.
        assertThat(given().cookie(DashboardSession.COOKIE, operator).get("/ui/plans/" + planId).then().statusCode(200)
                .extract().asString()).contains("data-action=\"start\"", "data-action=\"abort\"")
                .doesNotContain("data-action=\"pause\"", "data-action=\"approve\"");
        given().cookie(DashboardSession.COOKIE, operator).contentType(ContentType.JSON).body(Map.of("reason", "go"))
                .post("/ui/plans/" + planId + "/start").then().statusCode(403);
        given().cookie(DashboardSession.COOKIE, operator).header(DashboardSession.CSRF_HEADER, "forged")
                .contentType(ContentType.JSON).body(Map.of("reason", "go"))
                .post("/ui/plans/" + planId + "/start").then().statusCode(403);
        assertThat(planState(planId)).isEqualTo("DRAFT");
        given().cookie(DashboardSession.COOKIE, operator).header(DashboardSession.CSRF_HEADER,
                        DashboardSession.csrfToken(operator)).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/ui/plans/" + planId + "/start").then().statusCode(400);
        given().cookie(DashboardSession.COOKIE, operator).header(DashboardSession.CSRF_HEADER,
                        DashboardSession.csrfToken(operator)).contentType(ContentType.JSON)
                .body(Map.of("reason", "canary window opened")).post("/ui/plans/" + planId + "/start").then()
                .statusCode(200).body("state", equalTo("RUNNING")).body("html", containsString("data-action=\"pause\""));
        given().cookie(DashboardSession.COOKIE, operator).header(DashboardSession.CSRF_HEADER,
                        DashboardSession.csrfToken(operator)).contentType(ContentType.JSON)
                .body(Map.of("reason", "again")).post("/ui/plans/" + planId + "/start").then().statusCode(409)
                .body("error", containsString("only a DRAFT plan"));
        given().auth().oauth2(Tokens.viewer()).queryParam("plan", planId).queryParam("type", "OPERATOR_ACTION")
                .get("/api/v1/audit").then().statusCode(200)
                .body("entries[0].actor", equalTo("alice")).body("entries[0].reason", equalTo("canary window opened"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "cleanup"))
                .post("/api/v1/plans/" + planId + "/abort").then().statusCode(200);
    }

    @Test
    void thePlanStreamSendsTheBoardAtOnceAndOnEveryChange() throws Exception {
        reportFleet("dsse");
        String planId = createPlan("dsse");
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "go"))
                .post("/api/v1/plans/" + planId + "/start").then().statusCode(200);
        String viewer = Tokens.viewer();
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/ui/plans/" + planId + "/events"))
                .header("Cookie", DashboardSession.COOKIE + "=" + viewer).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().filter(line -> line.startsWith("data:"))
                .forEach(events::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.contains("state-RUNNING") && e.contains("\"state\":\"RUNNING\"")));
            assertThat(events.get(0)).doesNotContain("data-action=");

            // The roller's progress of a namespace appears as its bar, with no request from the page.
            FleetScript.publish(Envelope.of("sidecar-roller", new NamespaceProgress(planId, "dsse-a", "shop", 3, 3,
                    10, 42), Clock.systemUTC()));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.contains("data-namespace=\\\"shop\\\"") && e.contains("3/10")
                            && e.contains("ETA 42s")));

            // An operator's pause (through the API here) reaches the open stream.
            given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "look"))
                    .post("/api/v1/plans/" + planId + "/pause").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.contains("\"state\":\"PAUSED\"")));
        } finally {
            response.body().close();
        }
        given().get("/ui/plans/" + planId + "/events").then().statusCode(401);
        given().cookie(DashboardSession.COOKIE, Tokens.viewer()).get("/ui/plans/nope/events").then().statusCode(404);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "cleanup"))
                .post("/api/v1/plans/" + planId + "/abort").then().statusCode(200);
    }

    /** Clusters of their own for each test, labelled suite={@code suite}: two to change, one done, one admin. */
    private static void reportFleet(String suite) {
        Map<String, String> labels = Map.of("suite", suite);
        FleetScript.releaseVerified(FleetScript.TARGET, 'd');
        FleetScript.state(suite + "-a", ClusterKind.USER, labels, FleetScript.FROM, FleetScript.FROM);
        FleetScript.state(suite + "-b", ClusterKind.USER, labels, FleetScript.FROM, FleetScript.FROM);
        FleetScript.state(suite + "-done", ClusterKind.USER, labels, FleetScript.TARGET, FleetScript.TARGET);
        FleetScript.state(suite + "-admin", ClusterKind.ADMIN, labels, FleetScript.FROM, FleetScript.FROM);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer())
                .queryParam("label", "suite=" + suite).get("/api/v1/clusters").then().statusCode(200)
                .body("size()", equalTo(4)));
    }

    private static String createPlan(String suite) {
        return given().auth().oauth2(Tokens.operator()).contentType("application/yaml")
                .body(PLAN.replace("SUITE", suite).getBytes(StandardCharsets.UTF_8)).post("/api/v1/plans").then()
                .statusCode(201).extract().path("planId");
    }

    private static String planState(String planId) {
        return given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/" + planId).then().statusCode(200)
                .extract().path("state");
    }

    private static String section(String html, String marker) {
        int start = html.indexOf(marker);
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }
}
