package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bearer tokens and roles: who may read, who may change plans, who may approve; and invalid plans. */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class AccessControlIT {

    @Test
    void callsWithoutAValidTokenGet401() throws NoSuchAlgorithmException {
        for (String path : new String[] {"/api/v1/clusters", "/api/v1/plans", "/api/v1/audit", "/api/v1/audit/verify"}) {
            given().get(path).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/plans").then().statusCode(401);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String forged = Jwt.issuer("https://meshfleet.local").subject("mallory").groups(Set.of("operator"))
                .sign(rsa.generateKeyPair().getPrivate());
        given().auth().oauth2(forged).get("/api/v1/plans").then().statusCode(401);
        String wrongIssuer = Jwt.issuer("https://elsewhere").subject("mallory").groups(Set.of("viewer")).sign();
        given().auth().oauth2(wrongIssuer).get("/api/v1/plans").then().statusCode(401);
    }

    @Test
    void aViewerReadsButCannotWriteAndOnlyApproversApprove() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit").then().statusCode(200);
        given().auth().oauth2(Tokens.viewer()).contentType("application/yaml")
                .body("targetVersion: 1.5.10\nwaves: [{count: 1}]\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/plans").then().statusCode(403);
        for (String action : new String[] {"start", "pause", "resume", "abort", "approve"}) {
            given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .post("/api/v1/plans/plan-x/" + action).then().statusCode(403);
        }
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/plans/plan-x/clusters/c/retry").then().statusCode(403);
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/plans/plan-x/approve").then().statusCode(403);
        given().auth().oauth2(Tokens.approver()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/plans/plan-x/start").then().statusCode(403);
        given().auth().oauth2(Tokens.approver()).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/plans/plan-x/approve").then().statusCode(404);
    }

    @Test
    void theDocumentedMintScriptMakesTokensTheServiceAccepts() throws Exception {
        Process mint = new ProcessBuilder("bash", "tools/mint-token.sh", "src/test/resources/jwt/private.pem", "carol",
                "viewer").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        org.assertj.core.api.Assertions.assertThat(mint.waitFor()).isZero();
        given().auth().oauth2(token).get("/api/v1/plans").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/plans/plan-x/start").then().statusCode(403);
    }

    @Test
    void anInvalidPlanIsRefusedWithEveryFieldNamed() {
        given().auth().oauth2(Tokens.operator()).contentType("application/yaml")
                .body("targetVersion: latest\nwaves: [{percent: 10, maxConcurrency: 0}]\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/plans").then().statusCode(422)
                .body("errors.field", hasItem("targetVersion"))
                .body("errors.field", hasItem("waves[0].percent"))
                .body("errors.field", hasItem("waves[0].maxConcurrency"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body("{\"targetVersion\": ")
                .post("/api/v1/plans").then().statusCode(422).body("errors.field", hasItem("$"));
        given().auth().oauth2(Tokens.operator()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/plans/plan-x/start").then().statusCode(400);
    }

    @Test
    void theOpenApiDocumentListsThePlanAndAuditEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/plans"))
                .body("paths", hasKey("/api/v1/plans/{planId}/approve"))
                .body("paths", hasKey("/api/v1/audit/verify"))
                .body("paths", hasKey("/api/v1/audit/export"));
    }
}
