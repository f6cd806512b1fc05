package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's rendered RBAC grants exactly what deploy/agent/rbac.tsv documents (nothing more, nothing
 * unexplained), covers what the agent's preflight checks before an install, and the README's table is that list;
 * likewise the hub's (the orchestrator's Lease, deploy/hub/rbac.tsv), in both hub overlays.
 */
class RbacGrantsTest {

    private static final Pattern PREFLIGHT_PERMISSION =
            Pattern.compile("new Permission\\(\"(\\w+)\", \"([^\"]*)\", \"(\\w+)\", (\\w+)\\)");

    private final List<JsonNode> agent =
            DeployTree.documents(new Kubectl().kustomize(DeployTree.root().resolve("agent/base")));

    @Test
    void theRenderedRulesAreExactlyTheDocumentedGrants() {
        assertThat(granted()).isEqualTo(documented());
    }

    @Test
    void nothingIsGrantedByWildcardOrThroughAnAggregatedOrBuiltInRole() {
        for (JsonNode role : rolesAndClusterRoles()) {
            assertThat(role.has("aggregationRule")).isFalse();
            for (JsonNode rule : role.path("rules")) {
                assertThat(rule.toString()).doesNotContain("\"*\"");
                assertThat(rule.has("nonResourceURLs")).as(rule.toString()).isFalse();
            }
        }
        for (JsonNode binding : bindings()) {
            String role = binding.path("roleRef").path("name").asText();
            assertThat(role).as("bound to a role of deploy/agent, never cluster-admin or another built-in role")
                    .isEqualTo("meshfleet-agent");
            assertThat(binding.path("subjects")).allSatisfy(subject -> {
                assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
                assertThat(subject.path("name").asText()).isEqualTo("cluster-agent");
                assertThat(subject.path("namespace").asText()).isEqualTo("meshfleet-agent");
            });
        }
        assertThat(bindings()).isNotEmpty();
    }

    @Test
    void everyPermissionTheAgentsPreflightChecksIsGranted() {
        String source = DeployTree.read(DeployTree.repository()
                .resolve("cluster-agent/src/main/java/io/meshfleet/agent/preflight/PreflightRunner.java"));
        Matcher m = PREFLIGHT_PERMISSION.matcher(source);
        Set<String> required = new TreeSet<>();
        while (m.find()) {
            required.add(grant(m.group(2), m.group(3), m.group(1)));
        }
        assertThat(required).as("PreflightRunner.REQUIRED, read from its source").hasSizeGreaterThan(10);
        assertThat(granted()).containsAll(required);
    }

    @Test
    void theReadmeTableListsEveryGrant() {
        String readme = DeployTree.read(DeployTree.root().resolve("README.md"));
        for (String[] row : DeployTree.tsv(DeployTree.root().resolve("agent/rbac.tsv"))) {
            String line = "| " + row[0] + " | `" + row[1] + "` | " + row[2].replace(",", ", ") + " | "
                    + row[3].replace(",", ", ") + " | " + row[4] + " |";
            assertThat(readme).as("README.md, Agent RBAC").contains(line);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub/overlays/laptop", "hub/overlays/production"})
    void theHubsRenderedRulesAreExactlyTheDocumentedLeaseGrants(String overlay) {
        List<JsonNode> hub = DeployTree.documents(new Kubectl().kustomize(DeployTree.root().resolve(overlay)));
        Set<String> granted = new TreeSet<>();
        for (JsonNode role : hub.stream().filter(d -> Set.of("Role", "ClusterRole").contains(d.path("kind").asText()))
                .toList()) {
            assertThat(role.path("kind").asText()).as("namespaced only").isEqualTo("Role");
            for (JsonNode rule : role.path("rules")) {
                assertThat(rule.toString()).doesNotContain("\"*\"");
                List<String> names = new java.util.ArrayList<>();
                rule.path("resourceNames").forEach(n -> names.add(n.asText()));
                if (names.isEmpty()) {
                    names.add("-");
                }
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (String name : names) {
                            for (JsonNode verb : rule.path("verbs")) {
                                granted.add(grant(group.asText(), resource.asText() + "/" + name, verb.asText()));
                            }
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (String[] row : DeployTree.tsv(DeployTree.root().resolve("hub/rbac.tsv"))) {
            assertThat(row).as(String.join("|", row)).hasSize(6);
            for (String resource : row[2].split(",")) {
                for (String verb : row[4].split(",")) {
                    documented.add(grant(row[1], resource + "/" + row[3], verb));
                }
            }
        }
        assertThat(granted).isEqualTo(documented).isNotEmpty();
        for (JsonNode binding : hub.stream()
                .filter(d -> Set.of("RoleBinding", "ClusterRoleBinding").contains(d.path("kind").asText())).toList()) {
            assertThat(binding.path("kind").asText()).isEqualTo("RoleBinding");
            assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("orchestrator-leader-election");
            assertThat(binding.path("subjects")).singleElement().satisfies(subject -> {
                assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
                assertThat(subject.path("name").asText()).isEqualTo("orchestrator");
                assertThat(subject.path("namespace").asText()).isEqualTo("meshfleet");
            });
        }
    }

    @Test
    void theReadmeTableListsEveryHubGrant() {
        String readme = DeployTree.read(DeployTree.root().resolve("README.md"));
        for (String[] row : DeployTree.tsv(DeployTree.root().resolve("hub/rbac.tsv"))) {
            String line = "| " + row[0] + " | `" + row[1] + "` | " + row[2] + " | " + row[3] + " | "
                    + row[4].replace(",", ", ") + " | " + row[5] + " |";
            assertThat(readme).as("README.md, Hub RBAC").contains(line);
        }
    }

    private Set<String> documented() {
        Set<String> grants = new TreeSet<>();
        for (String[] row : DeployTree.tsv(DeployTree.root().resolve("agent/rbac.tsv"))) {
            assertThat(row).as(String.join("|", row)).hasSize(5);
            String group = row[1].equals("\"\"") ? "" : row[1];
            for (String resource : row[2].split(",")) {
                for (String verb : row[3].split(",")) {
                    grants.add(grant(group, resource, verb));
                }
            }
        }
        return grants;
    }

    private Set<String> granted() {
        Set<String> grants = new TreeSet<>();
        for (JsonNode role : rolesAndClusterRoles()) {
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            grants.add(grant(group.asText(), resource.asText(), verb.asText()));
                        }
                    }
                }
            }
        }
        return grants;
    }

    private List<JsonNode> rolesAndClusterRoles() {
        return agent.stream().filter(d -> Set.of("Role", "ClusterRole").contains(d.path("kind").asText())).toList();
    }

    private List<JsonNode> bindings() {
        return agent.stream().filter(d -> Set.of("RoleBinding", "ClusterRoleBinding").contains(d.path("kind").asText()))
                .toList();
    }

    private static String grant(String group, String resource, String verb) {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
    }
}
