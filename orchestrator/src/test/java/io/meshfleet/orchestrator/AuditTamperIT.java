package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.meshfleet.events.ClusterKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail is append-only for the application's role and tamper-evident for everyone: a
 * superuser who changes or removes an entry behind the triggers is caught by the verify endpoint,
 * which names the first broken entry.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class AuditTamperIT {

    @Test
    void theApplicationRoleCannotUpdateDeleteOrTruncateTheTrail() throws SQLException {
        long seq = someEntry();
        try (Connection app = AppDatabase.application(); Statement s = app.createStatement()) {
            for (String sql : new String[] {"UPDATE audit_entry SET reason = 'x' WHERE seq = " + seq,
                    "DELETE FROM audit_entry WHERE seq = " + seq, "TRUNCATE audit_entry"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42501")); // insufficient_privilege
            }
        }
        // Even the owner is stopped by the triggers; only a superuser can get around them.
        try (Connection owner = AppDatabase.superuser(); Statement s = owner.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE audit_entry SET reason = 'x' WHERE seq = " + seq))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aRowChangedOrRemovedBehindTheTriggersIsReportedByVerify() throws SQLException {
        someEntry();
        someEntry();
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
        long target;
        long following;
        try (Connection su = AppDatabase.superuser(); Statement s = su.createStatement();
                ResultSet rows = s.executeQuery("SELECT seq FROM audit_entry ORDER BY seq DESC LIMIT 2")) {
            rows.next();
            following = rows.getLong(1);
            rows.next();
            target = rows.getLong(1);
        }
        String original = reason(target);
        try {
            tamper("UPDATE audit_entry SET reason = 'nothing happened' WHERE seq = " + target);
            given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBroken", equalTo((int) target))
                    .body("problem", startsWith("HASH_MISMATCH"));
        } finally {
            try (Connection su = AppDatabase.superuser();
                    PreparedStatement p = su.prepareStatement("SET session_replication_role = replica;"
                            + "UPDATE audit_entry SET reason = ? WHERE seq = ?")) {
                p.setString(1, original);
                p.setLong(2, target);
                p.execute();
            }
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));

        tamper("CREATE TABLE audit_saved AS SELECT * FROM audit_entry WHERE seq = " + target);
        try {
            tamper("DELETE FROM audit_entry WHERE seq = " + target);
            given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBroken", equalTo((int) following))
                    .body("problem", startsWith("CHAIN_BROKEN"));
        } finally {
            tamper("INSERT INTO audit_entry SELECT * FROM audit_saved; DROP TABLE audit_saved");
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    /** Creates a plan (one audit entry) and returns the newest entry's seq. */
    private static long someEntry() throws SQLException {
        String cluster = "tamper-" + System.nanoTime();
        FleetScript.state(cluster, ClusterKind.USER, Map.of("suite", cluster), FleetScript.FROM, FleetScript.FROM);
        String plan = "targetVersion: 1.5.10-asm.2\nselector: {matchLabels: {suite: " + cluster + "}}\n"
                + "waves: [{count: 1}]\n";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.operator())
                .contentType("application/yaml").body(plan.getBytes(StandardCharsets.UTF_8)).post("/api/v1/plans")
                .then().statusCode(201));
        try (Connection su = AppDatabase.superuser(); Statement s = su.createStatement();
                ResultSet rows = s.executeQuery("SELECT max(seq) FROM audit_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String reason(long seq) throws SQLException {
        try (Connection su = AppDatabase.superuser();
                PreparedStatement p = su.prepareStatement("SELECT reason FROM audit_entry WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Runs {@code sql} as the superuser with triggers off, the way an attacker with superuser rights would. */
    private static void tamper(String sql) throws SQLException {
        try (Connection su = AppDatabase.superuser(); Statement s = su.createStatement()) {
            s.execute("SET session_replication_role = replica; " + sql);
        }
    }
}
