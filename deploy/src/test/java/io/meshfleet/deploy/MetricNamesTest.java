package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is valid JSON with the panels, and every panel and alert rule queries meshfleet
 * metrics. That the services really export each of those metrics is checked against their {@code /q/metrics} by
 * {@link ExportedMetricsIT}.
 */
class MetricNamesTest {

    @Test
    void everyDashboardPanelQueriesMeshfleetMetrics() {
        JsonNode dashboard = DashboardQueries.dashboard();
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(DashboardQueries.metrics(expr)).as("panel " + panel.path("title").asText() + ": " + expr)
                        .isNotEmpty();
            }
        }
        String all = String.join("\n", DashboardQueries.panelQueries());
        assertThat(all).as("the issue's panels: plans, clusters by step, sidecar rate, verification failures, refusals")
                .contains("meshfleet_orchestrator_plans", "meshfleet_orchestrator_clusters", "meshfleet_roller_rate",
                        "meshfleet_artifacts_rejections_total", "meshfleet_agent_commands_total");
    }

    @Test
    void everyAlertRuleHasASeverityADescriptionAndQueriesMeshfleetMetrics() {
        List<String> names = new ArrayList<>();
        for (JsonNode group : DashboardQueries.alertRules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.add(rule.path("alert").asText());
                assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("description").asText()).isNotEmpty();
                assertThat(DashboardQueries.metrics(rule.path("expr").asText())).as(rule.path("expr").asText())
                        .isNotEmpty();
            }
        }
        assertThat(names).contains("MeshfleetPlanHalted", "MeshfleetClusterFailed", "MeshfleetRollerBlockedByPdb",
                "MeshfleetAgentSilent", "MeshfleetNoActiveOrchestrator");
    }
}
