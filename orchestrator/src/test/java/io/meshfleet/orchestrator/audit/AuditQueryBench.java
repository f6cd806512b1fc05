package io.meshfleet.orchestrator.audit;

import io.meshfleet.orchestrator.plan.AuditType;
import io.meshfleet.stack.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bench harness, not a test: loads 1,000,000 hash-chained audit entries into a real PostgreSQL
 * (schema by the service's own Flyway migrations, so the same indexes) and times the filtered page
 * queries the REST API runs, plus a full chain verification. Prints the numbers; asserts nothing.
 *
 * <p>Run: {@code ./mvnw -B -pl orchestrator -am -Pbench verify -Dtest=AuditQueryBench
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dbench.entries=200000}).
 */
class AuditQueryBench {

    private static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
    private static final int PLANS = 2000;
    private static final int CLUSTERS = 10_000;
    private static final int ITERATIONS = 300;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TYPES = {"CLUSTER_STEP", "CLUSTER_STEP", "CLUSTER_STEP", "COMMAND_SENT",
            "COMMAND_SENT", "WAVE_STATE", "PLAN_STATE", "OPERATOR_ACTION", "NAMESPACE_CONVERGED", "PLAN_CREATED"};

    @Test
    void filteredPagesOverAMillionEntries() throws Exception {
        // -Dtest patterns override the includes, so a module-wide pattern would pick this up: it runs
        // only under -Pbench, which sets the property.
        Assumptions.assumeTrue(Boolean.getBoolean("meshfleet.bench"), "a benchmark: run it with -Pbench");
        try (PostgresServer server = PostgresServer.builder().build()) {
            server.start();
            String base = server.createDatabase("audit_bench");
            String url = base + (base.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
            Flyway.configure().dataSource(url, server.username(), server.password())
                    .locations("classpath:db/migration").placeholders(Map.of("app_role", server.username()))
                    .load().migrate();
            try (Connection c = DriverManager.getConnection(url, server.username(), server.password())) {
                long loadStart = System.nanoTime();
                load(c);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE audit_entry");
                }
                System.out.printf("[bench] loaded %,d chained entries in %.1f s%n", ENTRIES,
                        (System.nanoTime() - loadStart) / 1e9);

                AuditTrail trail = new AuditTrail(single(c), new SimpleMeterRegistry());
                Random random = new Random(7);
                measure("plan, first page of 100", trail, i -> query("plan-" + random.nextInt(PLANS), null, null,
                        null, null, null, 0));
                measure("plan, page after a cursor in the middle", trail, i -> query("plan-" + random.nextInt(PLANS),
                        null, null, null, null, null, ENTRIES / 2));
                measure("cluster, first page of 100", trail, i -> query(null, "cluster-" + random.nextInt(CLUSTERS),
                        null, null, null, null, 0));
                measure("actor + type (operator approvals)", trail, i -> query(null, null, "user-" + random.nextInt(40),
                        "OPERATOR_ACTION", null, null, 0));
                measure("plan + type CLUSTER_STEP", trail, i -> query("plan-" + random.nextInt(PLANS), null, null,
                        "CLUSTER_STEP", null, null, 0));
                measure("time range of one hour", trail, i -> {
                    Instant from = START.plusSeconds(30L * random.nextInt(ENTRIES - 200));
                    return query(null, null, null, null, from, from.plus(Duration.ofHours(1)), 0);
                });
                measure("no filter, deep cursor", trail, i -> query(null, null, null, null, null, null,
                        random.nextInt(ENTRIES - 200)));

                long verifyStart = System.nanoTime();
                Verification verification = trail.verify();
                System.out.printf("[bench] verify of the whole chain: %s, %,d entries in %.1f s%n",
                        verification.valid() ? "valid" : "BROKEN at " + verification.firstBroken(),
                        verification.checked(), (System.nanoTime() - verifyStart) / 1e9);
            }
        }
    }

    private static AuditQuery query(String plan, String cluster, String actor, String type, Instant from, Instant to,
                                    long after) {
        return new AuditQuery(plan, cluster, actor, type, from, to, after, 100);
    }

    private static void measure(String name, AuditTrail trail, IntFunction<AuditQuery> queries) {
        for (int i = 0; i < 50; i++) {
            trail.page(queries.apply(i));
        }
        long[] nanos = new long[ITERATIONS];
        long rows = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            AuditQuery q = queries.apply(i);
            long t = System.nanoTime();
            rows += trail.page(q).entries().size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("[bench] %-42s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (avg %.0f rows/page)%n",
                name, nanos[ITERATIONS / 2] / 1e6, nanos[ITERATIONS * 95 / 100] / 1e6, nanos[ITERATIONS * 99 / 100] / 1e6,
                nanos[ITERATIONS - 1] / 1e6, rows / (double) ITERATIONS);
    }

    /** Writes a valid chain: plans of ~500 entries, their clusters, a few human actors, one entry per 30 s. */
    private static void load(Connection c) throws SQLException {
        c.setAutoCommit(false);
        Random random = new Random(42);
        String prev = AuditHash.GENESIS;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (seq, at, actor, plan_id, wave, "
                + "cluster_id, namespace, type, from_state, to_state, reason, correlation_id, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= ENTRIES; i++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                int plan = (int) ((long) i * PLANS / (ENTRIES + 1));
                String cluster = "cluster-" + random.nextInt(CLUSTERS);
                String actor = type.equals("OPERATOR_ACTION") ? "user-" + random.nextInt(40) : "orchestrator";
                AuditEntry draft = new AuditEntry(i, START.plusSeconds(30L * i), actor, "plan-" + plan,
                        random.nextInt(4), type.startsWith("PLAN") ? null : cluster,
                        type.startsWith("NAMESPACE") ? "shop" : null, type, "PREFLIGHT", "INSTALLING",
                        "preflight passed; installing 1.5.10-asm.2", "plan-" + plan + "/" + cluster + "/1", prev, null);
                String hash = AuditHash.of(draft);
                insert.setLong(1, i);
                insert.setTimestamp(2, Timestamp.from(draft.at()));
                insert.setString(3, actor);
                insert.setString(4, draft.planId());
                insert.setInt(5, draft.wave());
                if (draft.clusterId() == null) {
                    insert.setNull(6, Types.VARCHAR);
                } else {
                    insert.setString(6, draft.clusterId());
                }
                insert.setString(7, draft.namespace());
                insert.setString(8, type);
                insert.setString(9, draft.from());
                insert.setString(10, draft.to());
                insert.setString(11, draft.reason());
                insert.setString(12, draft.correlationId());
                insert.setString(13, prev);
                insert.setString(14, hash);
                insert.addBatch();
                prev = hash;
                if (i % 5000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT setval('audit_entry_seq', " + ENTRIES + ")");
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** A DataSource over one open connection, so that the timings are the queries', not connection setup. */
    private static DataSource single(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(AuditQueryBench.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.invoke(connection, args));
        return (DataSource) Proxy.newProxyInstance(AuditQueryBench.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> unclosable;
                    case "getLogWriter" -> new PrintWriter(System.out);
                    case "getParentLogger" -> Logger.getGlobal();
                    case "isWrapperFor" -> false;
                    case "getLoginTimeout" -> 0;
                    default -> null;
                });
    }
}
