package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is valid JSON and, like the alert rules, queries only metrics the services export:
 * the Micrometer meters named in the services' code, under the names Micrometer's Prometheus registry gives them
 * (dots to underscores; counters {@code _total}; timers {@code _seconds_count|_sum|_max}). Metrics of branches not
 * yet merged are listed in observability/pending-metrics.tsv.
 */
class MetricNamesTest {

    private static final Pattern COUNTER = Pattern.compile(
            "(?:Counter\\.builder|\\.counter)\\(\\s*\"(meshfleet\\.[a-z0-9.]+)\"");
    private static final Pattern GAUGE = Pattern.compile("(?:Gauge\\.builder|\\.gauge)\\(\\s*\"(meshfleet\\.[a-z0-9.]+)\"");
    private static final Pattern TIMER = Pattern.compile(
            "(?:Timer\\.builder|\\.timer|@Timed\\(\\s*(?:value\\s*=\\s*)?)\\(?\\s*\"(meshfleet\\.[a-z0-9.]+)\"");
    private static final Pattern COUNTED = Pattern.compile("@Counted\\(\\s*(?:value\\s*=\\s*)?\"(meshfleet\\.[a-z0-9.]+)\"");
    private static final Pattern METRIC_IN_QUERY = Pattern.compile("\\b(meshfleet_[a-z0-9_]+)\\b");

    /** The Prometheus names of every meshfleet meter in the services' code. */
    static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        for (Path source : DeployTree.mainSources()) {
            String text = DeployTree.read(source);
            each(COUNTER, text, name -> names.add(prometheus(name) + "_total"));
            each(COUNTED, text, name -> names.add(prometheus(name) + "_total"));
            each(GAUGE, text, name -> names.add(prometheus(name)));
            each(TIMER, text, name -> {
                for (String suffix : List.of("_seconds_count", "_seconds_sum", "_seconds_max")) {
                    names.add(prometheus(name) + suffix);
                }
            });
        }
        return names;
    }

    @Test
    void theCodeScanFindsTheKnownMetersOfEveryService() {
        assertThat(exported()).contains("meshfleet_artifacts_rejections_total",
                "meshfleet_artifacts_verification_seconds_count", "meshfleet_agent_commands_total",
                "meshfleet_agent_cluster_api_up", "meshfleet_roller_rate", "meshfleet_roller_workloads_blocked",
                "meshfleet_messages_dead_letters_total", "meshfleet_inventory_reports_total");
    }

    @Test
    void everyDashboardPanelQueriesExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                DeployTree.read(DeployTree.root().resolve("observability/grafana-dashboard.json")));
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(metrics(expr)).as("panel " + panel.path("title").asText() + ": " + expr).isNotEmpty();
                queries.add(expr);
            }
        }
        assertKnown(queries);
        String all = String.join("\n", queries);
        assertThat(all).as("the issue's panels: plans, clusters by step, sidecar rate, verification failures, refusals")
                .contains("meshfleet_orchestrator_plans", "meshfleet_orchestrator_clusters", "meshfleet_roller_rate",
                        "meshfleet_artifacts_rejections_total", "meshfleet_agent_commands_total");
    }

    @Test
    void everyAlertRuleQueriesExportedMetrics() {
        JsonNode rules = DeployTree.documents(DeployTree.read(DeployTree.root().resolve("observability/alerts.yaml")))
                .get(0);
        List<String> names = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.add(rule.path("alert").asText());
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("description").asText()).isNotEmpty();
                queries.add(rule.path("expr").asText());
            }
        }
        assertThat(names).contains("MeshfleetPlanHalted", "MeshfleetClusterFailed", "MeshfleetRollerBlockedByPdb",
                "MeshfleetAgentSilent");
        assertThat(queries).allSatisfy(q -> assertThat(metrics(q)).as(q).isNotEmpty());
        assertKnown(queries);
    }

    @Test
    void aPendingMetricIsNotExportedYet() {
        Set<String> exported = exported();
        for (String pending : pending()) {
            assertThat(exported).as(pending + " is exported now: delete its line from observability/pending-metrics.tsv")
                    .doesNotContain(pending);
        }
    }

    private static void assertKnown(List<String> queries) {
        Set<String> known = new TreeSet<>(exported());
        known.addAll(pending());
        for (String query : queries) {
            assertThat(known).as("metrics of " + query).containsAll(metrics(query));
        }
    }

    private static Set<String> pending() {
        Set<String> names = new TreeSet<>();
        DeployTree.tsv(DeployTree.root().resolve("observability/pending-metrics.tsv")).forEach(row -> names.add(row[0]));
        return names;
    }

    private static Set<String> metrics(String query) {
        Set<String> names = new TreeSet<>();
        each(METRIC_IN_QUERY, query, names::add);
        return names;
    }

    private static String prometheus(String meterName) {
        return meterName.replace('.', '_');
    }

    private static void each(Pattern pattern, String text, java.util.function.Consumer<String> action) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            action.accept(m.group(1));
        }
    }
}
