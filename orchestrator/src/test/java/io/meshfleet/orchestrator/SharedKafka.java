package io.meshfleet.orchestrator;

import io.meshfleet.stack.probe.KafkaProbe;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real broker of {@link KafkaTestResource}, kept for the whole test JVM so that a restarted
 * orchestrator (another test profile, see {@link RestartPart2IT}) finds the same topics and its
 * consumer group's committed offsets.
 */
public class SharedKafka implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP = "meshfleet.it.kafka.bootstrap";
    private static KafkaProbe probe;

    private final KafkaTestResource kafka = new KafkaTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        kafka.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        if (System.getProperty(BOOTSTRAP) == null) {
            Map<String, String> started = kafka.start();
            System.setProperty(BOOTSTRAP, started.get(KafkaTestResource.BOOTSTRAP_SERVERS));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "shared-kafka-stop"));
        }
        return Map.of(KafkaTestResource.BOOTSTRAP_SERVERS, System.getProperty(BOOTSTRAP));
    }

    @Override
    public void stop() {
        // The broker outlives one application; see start().
    }

    /** A client of the shared broker for this class loader. */
    static synchronized KafkaProbe probe() {
        if (probe == null) {
            KafkaProbe created = new KafkaProbe(System.getProperty(BOOTSTRAP));
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "shared-kafka-probe-close"));
            probe = created;
        }
        return probe;
    }
}
