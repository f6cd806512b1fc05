package io.meshfleet.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher JVM killed with SIGKILL: its broker follows it, and the next launch reclaims PostgreSQL and the ports. */
class OrphanCleanupIT {

    @TempDir
    Path temp;

    @Test
    void aKilledParentLeavesNothingThatBlocksTheNextRun() throws Exception {
        Path directory = temp.resolve("stack");
        Process launcher = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StackLauncher.class.getName(), "--dir", directory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> awaitLine(launcher, "meshfleet stack running"));
            List<String> environment = Files.readAllLines(directory.resolve("stack.env"));
            // The launcher's only child JVM is the broker (PostgreSQL is detached by pg_ctl).
            ProcessHandle broker = launcher.children()
                    .filter(child -> child.info().command().orElse("").endsWith("java"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no broker JVM under the launcher"));

            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            broker.onExit().get(60, TimeUnit.SECONDS);
            assertThat(broker.isAlive()).as("broker JVM after its parent was killed").isFalse();

            try (StackLauncher again = StackLauncher.launch(directory, 3, "meshfleet")) {
                assertThat(Files.readAllLines(again.envFile())).isEqualTo(environment);
                assertThat(KafkaClients.produce(again.kafka().bootstrapServers(), "it-orphan", "k", "v").hasOffset())
                        .isTrue();
                try (var connection = again.postgres().connect("meshfleet")) {
                    assertThat(connection.isValid(5)).isTrue();
                }
            }
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** Reads the launcher's output until a line contains {@code marker}; fails if the output ends first. */
    private static void awaitLine(Process process, String marker) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return;
            }
        }
        throw new AssertionError("The launcher ended before printing '" + marker + "':\n" + seen);
    }
}
