package io.meshfleet.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetctlTest {

    private static final Fleetctl FLEETCTL =
            new Fleetctl(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC), Map.of());

    @Test
    void everyCommandsHelpShowsAnExample() {
        for (String[] args : new String[][] {
            {"--help"}, {"dead-letters", "--help"}, {"dead-letters", "list", "--help"},
            {"release", "--help"}, {"release", "verify", "--help"}, {"release", "mirror", "--help"},
            {"release", "list", "--help"}, {"token", "--help"}, {"token", "keys", "--help"},
            {"token", "mint", "--help"}, {"clusters", "--help"}, {"clusters", "list", "--help"},
            {"plan", "--help"}, {"plan", "create", "--help"}, {"plan", "list", "--help"}, {"plan", "status", "--help"},
            {"plan", "start", "--help"}, {"plan", "pause", "--help"}, {"plan", "resume", "--help"},
            {"plan", "approve", "--help"}, {"plan", "abort", "--help"}, {"plan", "retry", "--help"},
            {"audit", "--help"}, {"audit", "verify", "--help"}}) {
            CommandRun run = CommandRun.of(FLEETCTL, args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args))
                    .contains("Usage: fleetctl")
                    .containsPattern("Examples?:\\R(  #.*\\R)?  fleetctl " + (args.length > 1 ? args[0] + " " : ""));
        }
    }

    @Test
    void listHelpNamesEveryOptionAndTheAllowedReasons() {
        CommandRun run = CommandRun.of(FLEETCTL, "dead-letters", "list", "--help");

        assertThat(run.out()).contains("--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "--topic",
                "--reason", "--service", "--since", "--limit", "Default: 100", "-o, --output", "json",
                "MALFORMED_JSON", "PROCESSING_FAILED");
    }

    @Test
    void planStatusHelpSaysWhatTheWatchsExitCodeMeans() {
        CommandRun run = CommandRun.of(FLEETCTL, "plan", "status", "--help");

        assertThat(run.out()).contains("--watch", "--interval", "Default: 2s",
                "With --watch: 0 the plan SUCCEEDED, 1 it HALTED or was ABORTED");
    }

    @Test
    void everyOrchestratorCommandTakesTheUrlAndTokenOptions() {
        for (String[] command : new String[][] {{"clusters", "list"}, {"plan", "create"}, {"plan", "list"},
            {"plan", "status"}, {"plan", "start"}, {"plan", "approve"}, {"plan", "retry"}, {"audit"}, {"audit", "verify"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(CommandRun.of(FLEETCTL, args).out()).as(String.join(" ", command))
                    .contains("--orchestrator-url=URL", "MESHFLEET_ORCHESTRATOR_URL", "--token=TOKEN", "MESHFLEET_TOKEN");
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        CommandRun run = CommandRun.of(FLEETCTL, "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("fleetctl \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.out().strip()).isEqualTo("fleetctl " + VersionProvider.version());
    }

    @Test
    void noCommandIsAUsageError() {
        CommandRun run = CommandRun.of(FLEETCTL);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required subcommand", "dead-letters");
    }

    @Test
    void anUnknownReasonIsAUsageErrorListingTheAllowedValues() {
        CommandRun run = CommandRun.of(FLEETCTL, "dead-letters", "list", "--reason", "BOGUS");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Invalid value for option '--reason'", "'BOGUS' is not a dead-letter reason",
                "allowed: " + Arrays.stream(DeadLetter.Reason.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")),
                "Usage: fleetctl dead-letters list");
    }

    @Test
    void badSinceOutputAndLimitAreUsageErrors() {
        CommandRun since = CommandRun.of(FLEETCTL, "dead-letters", "list", "--since", "yesterday");
        CommandRun output = CommandRun.of(FLEETCTL, "dead-letters", "list", "-o", "yaml");
        CommandRun limit = CommandRun.of(FLEETCTL, "dead-letters", "list", "--limit", "0");

        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("Invalid value for option '--since'", "ISO-8601 instant", "2h",
                "but was 'yesterday'");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("Invalid value for option '--output'", "table, json", "'yaml'");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be at least 1 but was 0");
    }

    @Test
    void anUnreachableBrokerIsReportedWithWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String servers = "127.0.0.1:" + closedPort;

        long start = System.nanoTime();
        CommandRun run = CommandRun.of(FLEETCTL, "dead-letters", "list", "--bootstrap-servers", servers);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("cannot reach Kafka at " + servers
                + " within 10s: check --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMalformedBootstrapAddressIsReportedWithWhatToCheck() {
        CommandRun run = CommandRun.of(FLEETCTL, "dead-letters", "list", "--bootstrap-servers", "kafka-without-port");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cannot reach Kafka at kafka-without-port: ")
                .contains("check --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void theBootstrapServersDefaultComesFromTheEnvironment() {
        assertThat(new Fleetctl(Clock.systemUTC(), Map.of()).defaultBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(new Fleetctl(Clock.systemUTC(), Map.of("KAFKA_BOOTSTRAP_SERVERS", " 10.0.0.1:9092 "))
                .defaultBootstrapServers()).isEqualTo("10.0.0.1:9092");
    }
}
