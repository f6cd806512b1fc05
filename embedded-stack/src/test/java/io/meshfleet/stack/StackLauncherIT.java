package io.meshfleet.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher: both servers, the environment file, and the same addresses on the next run. */
class StackLauncherIT {

    @TempDir
    Path temp;

    @Test
    void launchesBothServersAndWritesTheEnvironmentFile() throws Exception {
        Path directory = temp.resolve("stack");
        Map<String, String> firstEnvironment;
        try (StackLauncher stack = StackLauncher.launch(directory, 3, "meshfleet")) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            stack.printSummary(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.out.print(printed.toString(StandardCharsets.UTF_8));

            List<String> lines = Files.readAllLines(directory.resolve("stack.env"));
            assertThat(lines).extracting(line -> line.substring(0, line.indexOf('=')))
                    .containsExactly("KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_JDBC_URL", "POSTGRES_USER", "POSTGRES_PASSWORD");
            firstEnvironment = stack.environment();
            assertThat(lines).contains("KAFKA_BOOTSTRAP_SERVERS=" + stack.kafka().bootstrapServers(),
                    "POSTGRES_JDBC_URL=jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/meshfleet",
                    "POSTGRES_USER=postgres", "POSTGRES_PASSWORD=postgres");
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains(stack.kafka().bootstrapServers(), firstEnvironment.get("POSTGRES_JDBC_URL"));

            KafkaClients.produce(firstEnvironment.get("KAFKA_BOOTSTRAP_SERVERS"), "it-launcher", "k", "launched");
            try (Connection connection = DriverManager.getConnection(firstEnvironment.get("POSTGRES_JDBC_URL"),
                    firstEnvironment.get("POSTGRES_USER"), firstEnvironment.get("POSTGRES_PASSWORD"))) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(directory.resolve("stack.env")).doesNotExist();

        try (StackLauncher again = StackLauncher.launch(directory, 3, "meshfleet")) {
            Timing.print("StackLauncher second run: Kafka start", again.kafka().lastStartDuration());
            Timing.print("StackLauncher second run: PostgreSQL start", again.postgres().lastStartDuration());
            assertThat(again.environment()).isEqualTo(firstEnvironment);
            assertThat(KafkaClients.consumeAssigned(again.environment().get("KAFKA_BOOTSTRAP_SERVERS"), "it-launcher",
                    List.of("launched"), Duration.ofSeconds(60))).contains("launched");
        }
    }

    @Test
    void helpExplainsTheOptions() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            StackLauncher.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("--dir DIR", "--partitions N", "--database NAME", ".meshfleet/stack", "stack.env");
    }
}
