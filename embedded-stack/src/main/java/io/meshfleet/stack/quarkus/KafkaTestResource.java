package io.meshfleet.stack.quarkus;

import java.nio.file.Path;
import java.util.Map;

import io.meshfleet.stack.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource starting a real Kafka broker and pointing the SmallRye Kafka connector at it. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The SmallRye Kafka connector's global bootstrap property, the one key {@link #start()} returns. */
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    /** Init argument: partitions of auto-created topics (default 3). */
    public static final String ARG_PARTITIONS = "partitions";

    /** Init argument: a data directory to keep (default: a temporary one, deleted on stop). */
    public static final String ARG_DATA_DIRECTORY = "dataDirectory";

    private static volatile KafkaBroker broker;
    private static volatile AutoCloseable container;
    private static volatile String bootstrapServers;

    private Map<String, String> initArgs = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        if (StackMode.useTestcontainers()) {
            ContainerStack.Running kafka = ContainerStack.startKafka();
            container = kafka.container();
            bootstrapServers = kafka.address();
        } else {
            KafkaBroker.Builder builder = KafkaBroker.builder()
                    .partitions(Integer.parseInt(initArgs.getOrDefault(ARG_PARTITIONS, "3")));
            String directory = initArgs.get(ARG_DATA_DIRECTORY);
            if (directory != null && !directory.isBlank()) {
                builder.dataDirectory(Path.of(directory));
            }
            KafkaBroker started = builder.build();
            try {
                started.start();
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            broker = started;
            bootstrapServers = started.bootstrapServers();
            System.out.println("[meshfleet] Kafka broker for tests on " + bootstrapServers + ", started in "
                    + started.lastStartDuration().toMillis() + " ms");
        }
        return Map.of(BOOTSTRAP_SERVERS, bootstrapServers);
    }

    @Override
    public void stop() {
        KafkaBroker running = broker;
        broker = null;
        if (running != null) {
            running.close();
        }
        AutoCloseable runningContainer = container;
        container = null;
        if (runningContainer != null) {
            try {
                runningContainer.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the Kafka container", e);
            }
        }
        bootstrapServers = null;
    }

    /**
     * The embedded broker of the running test resource, to stop, kill or restart it in a test.
     *
     * @return the running broker
     * @throws IllegalStateException when no embedded broker runs (not started, or Testcontainers in use)
     */
    public static KafkaBroker broker() {
        KafkaBroker running = broker;
        if (running == null) {
            throw new IllegalStateException(container != null
                    ? "Kafka runs in Testcontainers (meshfleet.stack=testcontainers); there is no embedded broker"
                    : "KafkaTestResource has not been started");
        }
        return running;
    }

    /**
     * The bootstrap servers of the running test resource.
     *
     * @return {@code host:port}
     * @throws IllegalStateException when it has not been started
     */
    public static String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("KafkaTestResource has not been started");
        }
        return servers;
    }
}
