package io.meshfleet.system.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.fleetctl.Fleetctl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import picocli.CommandLine;

/**
 * The README's first Quick start command, {@code ./fleetctl demo}, as a user runs it: the whole stack comes up, the
 * fleet is moved canary first, the exit code tells whether it worked, and nothing is left running. The launcher
 * script only builds and then runs exactly this command line, so the test runs it in this JVM on the packaged
 * services (the reactor built them before this module). The two demos run side by side and alongside other system
 * tests (most of a demo's time is waiting for the simulated fleet); a process belongs to a demo when its command line
 * names the demo's working directory (the broker's log configuration, PostgreSQL's data directory, the services'
 * {@code -Dmeshfleet.stack}).
 */
@Execution(ExecutionMode.CONCURRENT)
class DemoIT {

    private static final Path HOME = Path.of(System.getProperty("meshfleet.home", "..")).toAbsolutePath().normalize();

    @Test
    void theDefaultDemoMovesEveryTargetedClusterAndLeavesNothingRunning() {
        Run run = demo("default");

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output)
                .contains("verified istio-1.5.10-asm.2-linux.tar.gz")
                .containsPattern("plan \\S+ SUCCEEDED")
                .contains("Done: every targeted cluster is at 1.5.10-asm.2 with every sidecar converged")
                .containsPattern("\\$ fleetctl clusters list\\R +CLUSTER .*\\R(.*\\R)* +user-12 +USER +1\\.6\\.14-asm\\.1")
                .containsPattern("\\$ fleetctl plan create -f \\S+demo-plan.yaml --dry-run")
                .containsPattern("\\$ fleetctl audit --plan \\S+ --cluster user-01")
                .containsPattern("audit trail verified: \\d+ entries, every hash and link intact");
        assertNothingLeftRunning(run.work());
    }

    @Test
    void aCanaryThatCrashLoopsHaltsThePlanTouchesNoOtherClusterAndExitsNonZero() {
        Run run = demo("crashloop-canary");

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output)
                .containsPattern("plan \\S+ HALTED")
                .containsPattern("user-01 failed: ROLL_FAILED: namespace shop: CRASH_LOOPING: (frontend|cart|orders-db)-\\S+ \\(")
                .contains("untouched (no install, no restart): 11 clusters [user-02, user-03, user-04, user-05,"
                        + " user-06, user-07, user-08, user-09, user-10, user-11, user-12]")
                .contains("Not done: the plan ended HALTED");
        assertNothingLeftRunning(run.work());
    }

    private record Run(int exit, String output, Path work) {
    }

    private static Run demo(String scenario) {
        StringWriter captured = new StringWriter();
        PrintWriter out = new PrintWriter(captured, true);
        Path work = HOME.resolve("system-tests/target/demo-" + scenario);
        int exit = new CommandLine(new Fleetctl(Clock.systemUTC(), Map.of("MESHFLEET_HOME", HOME.toString())))
                .setOut(out).setErr(out)
                .execute("demo", "--scenario", scenario, "--work-dir", work.toString(), "--timeout", "PT8M");
        out.flush();
        String output = captured.toString();
        System.out.println(output.lines().map(line -> "[demo " + scenario + "] " + line)
                .collect(java.util.stream.Collectors.joining(System.lineSeparator())));
        return new Run(exit, output, work);
    }

    private static void assertNothingLeftRunning(Path work) {
        String marker = work.toString();
        await("every process the demo started to be gone").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(marker))
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")))
                        .isEmpty());
    }
}
