package io.meshfleet.stack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts Kafka and PostgreSQL for the demo, writes their addresses to {@code stack.env}, and stops both on Ctrl-C. */
public final class StackLauncher implements AutoCloseable {

    /** Data directory used when none is given, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of(".meshfleet", "stack");

    /** Database created for the services when none is given. */
    public static final String DEFAULT_DATABASE = "meshfleet";

    /** Name of the environment file written into the data directory. */
    public static final String ENV_FILE = "stack.env";

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: StackLauncher [--dir DIR] [--partitions N] [--database NAME] [--help]",
            "",
            "Starts a real Kafka broker (KRaft, own JVM) and a real PostgreSQL server on loopback ports,",
            "keeps running until Ctrl-C, then stops both. Data and ports survive from one run to the next.",
            "",
            "  --dir DIR         data directory (also accepted as the only positional argument);",
            "                    default: .meshfleet/stack in the working directory.",
            "                    Kafka lives in DIR/kafka, PostgreSQL in DIR/postgres.",
            "  --partitions N    partitions of auto-created Kafka topics; default 3.",
            "  --database NAME   PostgreSQL database to create for the services; default meshfleet.",
            "  --help            print this help and exit.",
            "",
            "Writes DIR/stack.env with KAFKA_BOOTSTRAP_SERVERS, POSTGRES_JDBC_URL, POSTGRES_USER and",
            "POSTGRES_PASSWORD (KEY=VALUE lines), e.g. for: set -a; . DIR/stack.env; set +a",
            "Logs: DIR/kafka/broker.log and DIR/postgres/log/postgresql.log.");

    private final Path directory;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Map<String, String> environment;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StackLauncher(Path directory, KafkaBroker kafka, PostgresServer postgres, Map<String, String> environment) {
        this.directory = directory;
        this.kafka = kafka;
        this.postgres = postgres;
        this.environment = environment;
    }

    /**
     * Starts both servers with their data under {@code directory}, creates the database and writes {@code stack.env}.
     *
     * @param directory  the data directory, created if missing
     * @param partitions partitions of auto-created topics
     * @param database   the database to create for the services
     * @return the running stack; {@link #close()} stops it
     */
    public static StackLauncher launch(Path directory, int partitions, String database) {
        Path root = directory.toAbsolutePath().normalize();
        KafkaBroker kafka = KafkaBroker.builder()
                .dataDirectory(root.resolve("kafka"))
                .partitions(partitions)
                .build();
        PostgresServer postgres = new PostgresServer(root.resolve("postgres"));
        try {
            kafka.start();
            postgres.start();
            String jdbcUrl = postgres.createDatabase(database);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            environment.put("POSTGRES_JDBC_URL", jdbcUrl);
            environment.put("POSTGRES_USER", postgres.username());
            environment.put("POSTGRES_PASSWORD", postgres.password());
            StringBuilder text = new StringBuilder();
            environment.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            Files2.write(root.resolve(ENV_FILE), text.toString());
            return new StackLauncher(root, kafka, postgres, Map.copyOf(environment));
        } catch (RuntimeException e) {
            postgres.close();
            kafka.close();
            throw e;
        }
    }

    /**
     * Command line entry point; see {@code --help}.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        Path directory = null;
        int partitions = 3;
        String database = DEFAULT_DATABASE;
        try {
            for (int i = 0; i < args.length; i++) {
                String argument = args[i];
                switch (argument) {
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    case "--dir" -> directory = directoryOnce(directory, value(args, ++i, argument));
                    case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, argument));
                    case "--database" -> database = value(args, ++i, argument);
                    default -> {
                        if (argument.startsWith("-")) {
                            throw new IllegalArgumentException("Unknown option: " + argument);
                        }
                        directory = directoryOnce(directory, argument);
                    }
                }
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        StackLauncher stack;
        try {
            stack = launch(directory == null ? DEFAULT_DIRECTORY : directory, partitions, database);
        } catch (RuntimeException e) {
            System.err.println("The stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Kafka and PostgreSQL...");
            stack.close();
        }, "meshfleet-stack-shutdown"));
        stack.printSummary(System.out);
        stack.awaitClose();
    }

    private static Path directoryOnce(Path current, String value) {
        if (current != null) {
            throw new IllegalArgumentException("The data directory is given twice: " + current + " and " + value);
        }
        return Path.of(value);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /**
     * Prints the addresses, the environment file and how long each server took to start.
     *
     * @param out where to print
     */
    public void printSummary(PrintStream out) {
        out.println("meshfleet stack running (Ctrl-C stops it)");
        out.println("  Kafka bootstrap servers: " + kafka.bootstrapServers()
                + "   (started in " + millis(kafka.lastStartDuration()) + " ms, log " + kafka.logFile() + ")");
        out.println("  PostgreSQL JDBC URL:     " + environment.get("POSTGRES_JDBC_URL")
                + "   user " + postgres.username() + ", password " + postgres.password()
                + "   (started in " + millis(postgres.lastStartDuration()) + " ms)");
        out.println("  Environment file:        " + envFile()
                + "   (set -a; . " + envFile() + "; set +a)");
    }

    private static long millis(Duration duration) {
        return duration == null ? -1 : duration.toMillis();
    }

    /**
     * The data directory.
     *
     * @return the absolute data directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The running Kafka broker.
     *
     * @return the broker
     */
    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * The running PostgreSQL server.
     *
     * @return the server
     */
    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * The written environment file, {@code <directory>/stack.env}.
     *
     * @return its path
     */
    public Path envFile() {
        return directory.resolve(ENV_FILE);
    }

    /**
     * The variables written to {@link #envFile()}.
     *
     * @return KAFKA_BOOTSTRAP_SERVERS, POSTGRES_JDBC_URL, POSTGRES_USER and POSTGRES_PASSWORD
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** Blocks until {@link #close()} has run (for example from the Ctrl-C shutdown hook). */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops PostgreSQL and Kafka; the data stays. The environment file is removed, since its addresses are gone. */
    @Override
    public void close() {
        try {
            postgres.close();
            kafka.close();
            Files.deleteIfExists(envFile());
        } catch (java.io.IOException e) {
            System.err.println("Could not delete " + envFile() + ": " + e.getMessage());
        } finally {
            closed.countDown();
        }
    }
}
