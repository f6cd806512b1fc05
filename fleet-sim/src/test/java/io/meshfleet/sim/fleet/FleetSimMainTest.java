package io.meshfleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher's command line (the running part is what the KubeTests cover). */
class FleetSimMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return FleetSimMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheOptions() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--scenario FILE", "--dir DIR", "--time-scale X");
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("fleet-sim: unknown option --frobnicate");
        assertThat(run("--time-scale", "0.5")).isEqualTo(2);
        assertThat(run("--dir")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dir needs a value");
    }

    @Test
    void aMissingScenarioFileFails() throws Exception {
        assertThat(run("--scenario", "/nonexistent/scenario.yaml")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read /nonexistent/scenario.yaml");
    }
}
