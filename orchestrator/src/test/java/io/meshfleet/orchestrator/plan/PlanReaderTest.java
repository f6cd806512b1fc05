package io.meshfleet.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.events.SidecarLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlanReaderTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void aFullYamlPlanIsReadWithDefaultsFilledIn() throws Exception {
        PlanSpec spec = PlanReader.read(yaml("""
                targetVersion: 1.5.10-asm.2
                fromVersion: 1.6.14-asm.1
                selector: {matchLabels: {env: prod}}
                waves:
                  - {count: 1, soak: 30m}
                  - {percent: 50, maxConcurrency: 3, maxFailures: 1, soak: PT2H, requireApproval: true}
                  - {clusters: [edge-z]}
                smokeTests:
                  - {name: web, kind: HTTP, url: "http://web/healthz"}
                failurePolicy: rollback_and_halt
                deadlines: {install: 20m}
                """));
        assertThat(spec.profile()).isEqualTo("asm-multicloud");
        assertThat(spec.platform()).isEqualTo("linux");
        assertThat(spec.selector().matchLabels()).isEqualTo(Map.of("env", "prod"));
        assertThat(spec.waves()).hasSize(3);
        assertThat(spec.waves().get(0).soak()).isEqualTo(Duration.ofMinutes(30));
        assertThat(spec.waves().get(1).soak()).isEqualTo(Duration.ofHours(2));
        assertThat(spec.waves().get(1).requireApproval()).isTrue();
        assertThat(spec.waves().get(2).clusters()).containsExactly("edge-z");
        assertThat(spec.sidecarLimits()).isEqualTo(SidecarLimits.DEFAULT);
        assertThat(spec.smokeTests().get(0).expectedStatus()).isEqualTo(200);
        assertThat(spec.failurePolicy()).isEqualTo(FailurePolicy.ROLLBACK_AND_HALT);
        assertThat(spec.deadlines().install()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.deadlines().preflight()).isEqualTo(StepDeadlines.DEFAULT.preflight());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "waves: [{count: 1}]|targetVersion: required",
            "targetVersion: latest\\nwaves: [{count: 1}]|targetVersion: must be a mesh version",
            "targetVersion: 1.5.10\\n|waves: required",
            "targetVersion: 1.5.10\\nwaves: [{percent: 10}]|waves[0].percent: the canary (wave 0) takes explicit clusters or a count",
            "targetVersion: 1.5.10\\nwaves: [{count: 1, clusters: [a]}]|waves[0]: the canary (wave 0) needs exactly one of",
            "targetVersion: 1.5.10\\nwaves: [{count: 1, maxFailures: 1}]|waves[0].maxFailures: must be 0",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}, {count: 2}]|waves[1].count: only the canary",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}, {percent: 101}]|waves[1].percent: must be an integer from 0 to 100",
            "targetVersion: 1.5.10\\nwaves: [{count: 1, maxConcurrency: 0}]|waves[0].maxConcurrency: must be an integer from 1",
            "targetVersion: 1.5.10\\nwaves: [{count: 1, soak: soon}]|waves[0].soak: must be a duration like 90s",
            "targetVersion: 1.5.10\\nwaves: [{clusters: [a]}, {clusters: [a]}]|waves[1].clusters: cluster a is listed in more than one wave",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\nplatform: linux-amd64|platform: must be one of linux, osx, win",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\nfailurePolicy: retry|failurePolicy: must be one of [HALT, ROLLBACK_AND_HALT]",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\nwavez: []|wavez: unknown field; allowed here",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\nsidecarLimits: {maxUnavailable: lots}|sidecarLimits.maxUnavailable: maxUnavailable must be a count",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\nsmokeTests: [{name: x, kind: HTTP}]|smokeTests[0]: url is required",
            "targetVersion: 1.5.10\\nwaves: [{count: 1}]\\ndeadlines: {install: 0s}|deadlines.install: must be a positive duration"})
    void everyErrorNamesItsFieldAndWhatIsAllowed(String document, String expected) throws Exception {
        assertThatThrownBy(() -> PlanReader.read(yaml(document.replace("\\n", "\n"))))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.toString()).startsWith(expected)));
    }
}
