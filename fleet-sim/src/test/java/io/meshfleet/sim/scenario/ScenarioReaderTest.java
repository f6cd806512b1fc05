package io.meshfleet.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    @Test
    void theDefaultScenarioIsTwelveUserClustersAndAnAdminClusterOnAsm1614() {
        Scenario scenario = ScenarioReader.defaultScenario();

        assertThat(scenario.clusters()).hasSize(13);
        assertThat(scenario.userClusters()).hasSize(12).allSatisfy(c -> {
            assertThat(c.mesh().version()).isEqualTo("1.6.14-asm.1");
            assertThat(c.mesh().profile()).isEqualTo("asm-multicloud");
            assertThat(c.mesh().features()).containsEntry("values.global.proxy.tracer", "zipkin");
            assertThat(c.pods()).isEqualTo(12);
        });
        assertThat(scenario.userClusters().get(0).name()).isEqualTo("user-01");
        assertThat(scenario.clusters().get(0).admin()).isTrue();
        assertThat(scenario.timeScale()).isEqualTo(60);
        assertThat(scenario.delays().controlPlaneInstall()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theCrashLoopCanaryScenarioIsTheDefaultFleetWhoseCanaryCrashLoopsOnTheTarget() {
        Scenario defaults = ScenarioReader.builtIn("default");
        Scenario crashLoop = ScenarioReader.builtIn("crashloop-canary");

        assertThat(crashLoop.name()).isEqualTo("crashloop-canary");
        assertThat(crashLoop.clusters()).extracting(ClusterSpec::name)
                .containsExactlyElementsOf(defaults.clusters().stream().map(ClusterSpec::name).toList());
        assertThat(crashLoop.clusters()).filteredOn(c -> !c.faults().isEmpty()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("user-01");
            assertThat(c.faults()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(Fault.Type.CRASH_LOOP_ON_PROXY_VERSION);
                assertThat(f.proxyVersion()).isEqualTo("1.5.10-asm.2");
                assertThat(f.namespace()).isEqualTo("shop");
            });
        });
    }

    @Test
    void anUnknownBuiltInScenarioListsTheOnesThereAre() {
        assertThatThrownBy(() -> ScenarioReader.builtIn("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("default, crashloop-canary");
    }

    @Test
    void faultsAttachToTheClustersTheyName() {
        Scenario scenario = ScenarioReader.read("""
                clusters:
                  - namePattern: c-%d
                    count: 3
                    mesh: {version: 1.6.14-asm.1}
                    namespaces: [{name: shop, injection: true, workloads: [{kind: Deployment, name: web, replicas: 2}]}]
                faults:
                  - {type: crashLoopOnProxyVersion, clusters: [c-1], namespace: shop, proxyVersion: 1.5.10-asm.2}
                  - {type: API_SLOW, clusters: [c-2, c-3]}
                delays: {apiLatency: 750ms}
                """, "test");

        assertThat(scenario.clusters()).extracting(ClusterSpec::name).containsExactly("c-1", "c-2", "c-3");
        assertThat(scenario.clusters().get(0).faults()).singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo(Fault.Type.CRASH_LOOP_ON_PROXY_VERSION));
        assertThat(scenario.clusters().get(2).faults()).extracting(Fault::type).containsExactly(Fault.Type.API_SLOW);
        assertThat(scenario.delays().apiLatency()).isEqualTo(Duration.ofMillis(750));
        assertThat(scenario.delays().podScheduling()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scenario.timeScale()).isEqualTo(1.0);
        assertThat(scenario.pods()).isEqualTo(6);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                timeScale: 0
                clusters:
                  - name: Bad_Name
                  - namePattern: u-%d
                    count: 2
                    colour: blue
                    namespaces:
                      - name: shop
                        workloads: [{kind: Deploy, name: web, replicas: 2}, {kind: Pod, name: p, replicas: 3}]
                  - name: u-1
                faults:
                  - {type: meteorStrike, clusters: [nowhere]}
                  - {type: crashLoopOnProxyVersion, clusters: [u-2]}
                delays: {podScheduling: soon}
                """, "bad.yaml"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "timeScale: 0 must be a number from 1 (real time) to 100000",
                        "clusters[0].name: 'Bad_Name' is not a DNS label (lowercase letters, digits and '-', at most 63)",
                        "clusters[1].colour: unknown field; allowed: [name, namePattern, count, admin, labels, mesh, namespaces]",
                        "clusters[1].namespaces[0].workloads[0].kind: 'Deploy' is not one of "
                                + "[Deployment, StatefulSet, DaemonSet, Job, Pod]",
                        "clusters[1].namespaces[0].workloads[1].replicas: a bare Pod has exactly 1 replica",
                        "clusters[2]: cluster name 'u-1' is used twice",
                        "faults[0].type: 'meteorStrike' is not one of [crashLoopOnProxyVersion, apiUnavailable, apiSlow, "
                                + "apiSwitchable, controlPlaneNeverReady, pdbBlocks]",
                        "faults[1].proxyVersion: required for crashLoopOnProxyVersion (the version pods crash with)",
                        "faults[0].clusters: no cluster is named 'nowhere'",
                        "delays.podScheduling: 'soon' is not a duration: use 500ms, 5s, 10m, 1h or PT5M"))
                .hasMessageStartingWith("bad.yaml: ");
    }

    @Test
    void aFileThatIsNotAScenarioSaysWhatIsExpected() {
        assertThatThrownBy(() -> ScenarioReader.read("- just\n- a list\n", "x.yaml"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
                        .containsExactly("the scenario must be a YAML mapping with at least `clusters`"));
        assertThatThrownBy(() -> ScenarioReader.read("clusters: [", "x.yaml"))
                .isInstanceOfSatisfying(ScenarioException.class,
                        e -> assertThat(e.problems().get(0)).startsWith("not valid YAML"));
        assertThatThrownBy(() -> ScenarioReader.read("name: empty\n", "x.yaml"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
                        .isEqualTo(List.of("clusters: a list of at least one cluster or cluster group is required")));
    }
}
