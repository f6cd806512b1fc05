package io.meshfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL queries of observability/grafana-dashboard.json and observability/alerts.yaml, and the metrics they name. */
final class DashboardQueries {

    private static final Pattern METRIC_IN_QUERY = Pattern.compile("\\b(meshfleet_[a-z0-9_]+)\\b");

    private DashboardQueries() {
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(
                    DeployTree.read(DeployTree.root().resolve("observability/grafana-dashboard.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("observability/grafana-dashboard.json is not valid JSON", e);
        }
    }

    static JsonNode alertRules() {
        return DeployTree.documents(DeployTree.read(DeployTree.root().resolve("observability/alerts.yaml"))).get(0);
    }

    /** Every panel target's expression. */
    static List<String> panelQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        return queries;
    }

    /** Every alert rule's expression. */
    static List<String> alertQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode group : alertRules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                queries.add(rule.path("expr").asText());
            }
        }
        return queries;
    }

    /** The meshfleet metric names in {@code query}. */
    static Set<String> metrics(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_IN_QUERY.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every meshfleet metric the dashboard and the alert rules name. */
    static Set<String> allMetrics() {
        Set<String> names = new TreeSet<>();
        panelQueries().forEach(q -> names.addAll(metrics(q)));
        alertQueries().forEach(q -> names.addAll(metrics(q)));
        return names;
    }
}
