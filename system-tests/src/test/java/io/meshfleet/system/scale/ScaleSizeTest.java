package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScaleSizeTest {

    @ParameterizedTest(name = "{0} {1} -> {2} clusters, label {3}, {4} agents, history {5}")
    @CsvSource({
        "'',   '',   30,   ci,   1, 64",
        "ci,   '',   30,   ci,   1, 64",
        "full, '',   1000, full, 2, 32",
        "full, 2000, 2000, 2000, 4, 32",
        "ci,   120,  120,  120,  1, 64",
        "ci,   501,  501,  501,  2, 32",
    })
    void sizesFromTheSystemProperties(String system, String clusters, int expected, String label, int agents,
                                      int history) {
        Properties properties = new Properties();
        if (!system.isEmpty()) {
            properties.setProperty("system.size", system);
        }
        if (!clusters.isEmpty()) {
            properties.setProperty("scale.clusters", clusters);
        }
        ScaleSize size = ScaleSize.from(properties);
        assertThat(size.clusters()).isEqualTo(expected);
        assertThat(size.label()).isEqualTo(label);
        assertThat(size.agents()).hasSize(agents);
        assertThat(size.historyLimit()).isEqualTo(history);
    }

    @Test
    void agentsShareTheClustersInOrderAndServeEachOnce() {
        ScaleSize size = new ScaleSize("x", 1001, 10, 500, 600, 32, "");
        var agents = size.agents();
        assertThat(agents.keySet()).containsExactly("cluster-agent", "cluster-agent-2", "cluster-agent-3");
        assertThat(agents.get("cluster-agent")).hasSize(500).startsWith("scale-0001").endsWith("scale-0500");
        assertThat(agents.get("cluster-agent-3")).containsExactly("scale-1001");
        assertThat(agents.values().stream().flatMap(List::stream).toList()).isEqualTo(size.clusterNames());
    }

    @Test
    void nonsenseIsRefusedWithTheProperty() {
        Properties properties = new Properties();
        properties.setProperty("system.size", "huge");
        assertThatThrownBy(() -> ScaleSize.from(properties)).hasMessageContaining("system.size must be ci or full");
        properties.setProperty("system.size", "ci");
        properties.setProperty("scale.clusters", "lots");
        assertThatThrownBy(() -> ScaleSize.from(properties)).hasMessageContaining("scale.clusters must be a whole number");
        properties.setProperty("scale.clusters", "10000");
        assertThatThrownBy(() -> ScaleSize.from(properties)).hasMessageContaining("scale.clusters must be from 1 to 9999");
        properties.setProperty("scale.clusters", "5,000");
        assertThat(ScaleSize.from(properties).clusters()).isEqualTo(5000);
        assertThat(ScaleSize.from(properties).xmx()).as("more than 500 clusters: the full size's heap").isEqualTo("1g");
        assertThat(ScaleSize.from(properties).tieredJit()).as("the stack's C1-only JIT unless asked").isFalse();
        properties.setProperty("scale.jit", "tiered");
        assertThat(ScaleSize.from(properties).tieredJit()).isTrue();
        properties.setProperty("scale.jit", "c2");
        assertThatThrownBy(() -> ScaleSize.from(properties)).hasMessageContaining("scale.jit must be c1 or tiered");
        properties.setProperty("scale.jit", "c1");
        properties.setProperty("scale.xmx", "lots");
        assertThatThrownBy(() -> ScaleSize.from(properties)).hasMessageContaining("scale.xmx must be a heap size");
    }

    @Test
    void aProbeWatchesForTheMinutesAsked() {
        Properties properties = new Properties();
        assertThat(ScaleSize.observeFor(properties)).isEmpty();
        properties.setProperty("scale.observeMinutes", "15");
        assertThat(ScaleSize.observeFor(properties)).contains(java.time.Duration.ofMinutes(15));
        properties.setProperty("scale.observeMinutes", "0");
        assertThatThrownBy(() -> ScaleSize.observeFor(properties))
                .hasMessageContaining("scale.observeMinutes must be at least 1");
        properties.setProperty("scale.observeMinutes", "soon");
        assertThatThrownBy(() -> ScaleSize.observeFor(properties))
                .hasMessageContaining("scale.observeMinutes must be a whole number");
    }
}
