package io.meshfleet.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/** A real Apache Kafka broker (KRaft, combined broker and controller) in its own JVM, on loopback ports it keeps. */
public final class KafkaBroker implements AutoCloseable {

    /** Class-loader resource listing the broker's runtime classpath, generated when this module is built. */
    public static final String CLASSPATH_RESOURCE = "META-INF/meshfleet/kafka-broker.classpath";

    /** System property that, when set, replaces the generated broker classpath. */
    public static final String CLASSPATH_PROPERTY = "meshfleet.kafka.classpath";

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final String STATE_FILE = "meshfleet-kafka.properties";
    private static final int LOG_TAIL_LINES = 60;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(10);
    private static final long PROBE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path dataDirectory;
    private final DataDirectory ownDirectory;
    private final int partitions;
    private final Duration startTimeout;
    private final String maxHeap;
    private final Map<String, String> extraProperties;

    private int port;
    private int controllerPort;
    private String clusterId;
    private volatile Process process;
    private volatile JvmLauncher launcher;
    private Thread shutdownHook;
    private boolean closed;
    private Duration lastStartDuration;

    /**
     * A broker with default options and its data in {@code dataDirectory}.
     *
     * @param dataDirectory where the broker keeps its logs, configuration and output; survives restarts
     */
    public KafkaBroker(Path dataDirectory) {
        this(builder().dataDirectory(Objects.requireNonNull(dataDirectory, "dataDirectory")));
    }

    private KafkaBroker(Builder builder) {
        DataDirectory directory = DataDirectory.of(builder.dataDirectory, "meshfleet-kafka-", "Kafka");
        this.dataDirectory = directory.path();
        this.ownDirectory = directory;
        this.partitions = builder.partitions;
        this.startTimeout = builder.startTimeout;
        this.maxHeap = builder.maxHeap;
        this.extraProperties = new LinkedHashMap<>(builder.brokerProperties);
    }

    /**
     * Options for a broker; without a data directory it uses a temporary one, deleted by {@link #close()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker (formatting its storage on first use) and blocks until an admin client can describe the
     * cluster. Does nothing when it is already running.
     *
     * @throws IllegalStateException when it does not become ready in time; the message holds the end of its log
     */
    public synchronized void start() {
        ensureOpen();
        if (isRunning()) {
            return;
        }
        if (process != null) {
            // The broker died on its own since the last start.
            process = null;
            launcherExited(false);
        }
        long begin = System.nanoTime();
        long deadline = begin + startTimeout.toNanos();
        try {
            Files.createDirectories(dataDirectory);
            assignIdentity();
            writeConfiguration();
            JvmLauncher jvm = JvmLauncher.forBroker(brokerClasspath());
            if (!Files.exists(logDirectory().resolve("meta.properties"))) {
                formatStorage(jvm, deadline);
            }
            launch(jvm);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka in " + dataDirectory, e);
        }
        awaitReady(deadline);
        lastStartDuration = Duration.ofNanos(System.nanoTime() - begin);
        LOG.log(Level.INFO, "Kafka {0} broker ready on {1} in {2,number,#} ms (data in {3})",
                AppInfoParser.getVersion(), bootstrapServers(), lastStartDuration.toMillis(), dataDirectory);
    }

    /**
     * The address clients connect to, {@code 127.0.0.1:<port>}; the same across restarts.
     *
     * @return the bootstrap servers
     * @throws IllegalStateException when the broker was never started
     */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("The Kafka broker has not been started yet");
        }
        return "127.0.0.1:" + port;
    }

    /** Stops the broker gracefully (SIGTERM, Kafka's controlled shutdown), killing it if it takes over 30 s. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        boolean normally = false;
        try {
            if (running.isAlive()) {
                long begin = System.nanoTime();
                running.destroy();
                normally = running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!normally) {
                    LOG.log(Level.WARNING, "Kafka did not stop within {0,number,#} s; killing it",
                            STOP_TIMEOUT.toSeconds());
                    running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                LOG.log(Level.INFO, "Kafka broker on {0} stopped in {1,number,#} ms (exit code {2})", bootstrapServers(),
                        Duration.ofNanos(System.nanoTime() - begin).toMillis(), exitCode(running));
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            launcherExited(normally);
        }
    }

    /** Kills the broker with SIGKILL, as a crash would; acknowledged records stay in its data directory. */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(Level.INFO, "Kafka broker on {0} killed", bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            launcherExited(false);
        }
    }

    /** Stops the broker gracefully if it runs, then starts it again on the same ports with the same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the broker and releases this instance; a temporary data directory is deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook finds no process and does nothing.
            }
            shutdownHook = null;
        }
        ownDirectory.release();
    }

    /**
     * Whether the broker process is alive.
     *
     * @return true while the broker JVM runs
     */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /**
     * The data directory (Kafka logs under {@code kafka-logs}, configuration, {@code broker.log}).
     *
     * @return the absolute data directory
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The file that receives the broker JVM's standard output and error.
     *
     * @return the broker log file
     */
    public Path logFile() {
        return dataDirectory.resolve("broker.log");
    }

    /**
     * The PLAINTEXT listener port, 0 before the first start.
     *
     * @return the client port
     */
    public synchronized int port() {
        return port;
    }

    /**
     * The CONTROLLER listener port, 0 before the first start.
     *
     * @return the KRaft controller port
     */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /**
     * The KRaft cluster id the storage was formatted with, null before the first start.
     *
     * @return the cluster id
     */
    public synchronized String clusterId() {
        return clusterId;
    }

    /**
     * How long the last successful {@link #start()} took, null before one.
     *
     * @return the duration of the last start
     */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /**
     * The process id of the broker JVM, -1 when it is not running.
     *
     * @return the pid
     */
    public long pid() {
        Process running = process;
        return running != null && running.isAlive() ? running.pid() : -1;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + (port == 0 ? "not started" : "127.0.0.1:" + port) + ", " + dataDirectory + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This KafkaBroker has been closed");
        }
    }

    private Path logDirectory() {
        return dataDirectory.resolve("kafka-logs");
    }

    private Path serverProperties() {
        return dataDirectory.resolve("server.properties");
    }

    private Path log4jConfiguration() {
        return dataDirectory.resolve("log4j2.properties");
    }

    /** Ports and cluster id: kept by this instance; taken from the data directory when a new instance reopens it. */
    private void assignIdentity() {
        if (port != 0) {
            return;
        }
        Path stateFile = dataDirectory.resolve(STATE_FILE);
        Properties state = Files2.load(stateFile);
        int storedPort = Integer.parseInt(state.getProperty("port", "0"));
        int storedControllerPort = Integer.parseInt(state.getProperty("controller.port", "0"));
        if (storedPort > 0 && storedControllerPort > 0 && storedPort != storedControllerPort
                && Ports.isFree(storedPort) && Ports.isFree(storedControllerPort)) {
            port = storedPort;
            controllerPort = storedControllerPort;
        } else {
            int[] ports = Ports.freePorts(2);
            port = ports[0];
            controllerPort = ports[1];
        }
        clusterId = state.getProperty("cluster.id");
        if (clusterId == null) {
            clusterId = Files2.load(logDirectory().resolve("meta.properties")).getProperty("cluster.id");
        }
        if (clusterId == null) {
            clusterId = Uuid.randomUuid().toString();
        }
        Files2.write(stateFile, "# Written by meshfleet's KafkaBroker: identity kept across restarts.\n"
                + "port=" + port + "\ncontroller.port=" + controllerPort + "\ncluster.id=" + clusterId + "\n");
    }

    private void writeConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDirectory().toString());
        config.put("num.partitions", Integer.toString(partitions));
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "true");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "5");
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the controller keeps the dead incarnation registered until its session expires (9 s by
        // default); a shorter session makes kill() + restart() quicker while tolerating multi-second stalls.
        config.put("broker.heartbeat.interval.ms", "1000");
        config.put("broker.session.timeout.ms", "4000");
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.putAll(extraProperties);

        StringBuilder text = new StringBuilder("# Written by meshfleet's KafkaBroker on every start.\n");
        config.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        Files2.write(serverProperties(), text.toString());

        Files2.write(log4jConfiguration(), String.join("\n",
                "# Written by meshfleet's KafkaBroker: the broker logs to standard output, which goes to broker.log.",
                "status = warn",
                "shutdownHook = disable",
                "appender.stdout.type = Console",
                "appender.stdout.name = STDOUT",
                "appender.stdout.layout.type = PatternLayout",
                "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level = WARN",
                "logger.appinfo.name = org.apache.kafka.common.utils.AppInfoParser",
                "logger.appinfo.level = WARN",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "logger.cleaner.name = kafka.log.LogCleaner",
                "logger.cleaner.level = WARN",
                ""));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private void formatStorage(JvmLauncher jvm, long deadline) throws IOException {
        appendToLog("formatting KRaft storage in " + logDirectory() + " with cluster id " + clusterId);
        List<String> command = jvm.command(jvmOptions(), List.of("kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", serverProperties().toString(), "--ignore-formatted"), false);
        Process format = new ProcessBuilder(command)
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        // Its standard input stays open until it exits: the watchdog in front of the tool reads it.
        try {
            long remaining = deadline - System.nanoTime();
            if (!format.waitFor(Math.max(remaining, 0), TimeUnit.NANOSECONDS)) {
                format.destroyForcibly();
                throw failure("Formatting the Kafka storage did not finish within " + startTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("Interrupted while formatting the Kafka storage");
        } finally {
            format.getOutputStream().close();
        }
        if (format.exitValue() != 0) {
            throw failure("Formatting the Kafka storage failed with exit code " + format.exitValue());
        }
    }

    private void launch(JvmLauncher jvm) throws IOException {
        List<String> command = jvm.command(jvmOptions(), List.of("kafka.Kafka", serverProperties().toString()), true);
        appendToLog("starting Kafka " + AppInfoParser.getVersion() + " on 127.0.0.1:" + port
                + " (controller 127.0.0.1:" + controllerPort + ")");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        // Standard input stays a pipe from this JVM: when this JVM dies, the watchdog in the broker sees it close.
        process = builder.start();
        launcher = jvm;
        registerShutdownHook();
    }

    private List<String> jvmOptions() {
        return List.of(
                "-Xms64m",
                "-Xmx" + maxHeap,
                // Start-up speed and a small footprint matter more here than peak throughput.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfiguration().toUri());
    }

    /** The jars the broker runs on, as listed at build time; every one must exist. */
    static List<String> brokerClasspath() {
        String listed = System.getProperty(CLASSPATH_PROPERTY);
        String origin = "system property " + CLASSPATH_PROPERTY;
        if (listed == null || listed.isBlank()) {
            ClassLoader loader = KafkaBroker.class.getClassLoader();
            URL url = loader == null ? null : loader.getResource(CLASSPATH_RESOURCE);
            if (url == null) {
                throw new IllegalStateException("The Kafka broker classpath resource " + CLASSPATH_RESOURCE
                        + " is missing; build the embedded-stack module (./mvnw -pl embedded-stack install)");
            }
            try (InputStream in = url.openStream()) {
                listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + url, e);
            }
            origin = url.toString();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : listed.trim().split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("The Kafka broker classpath (" + origin + ") lists " + entry
                        + ", which does not exist; rebuild the embedded-stack module against this Maven repository");
            }
            entries.add(entry);
        }
        if (entries.stream().noneMatch(entry -> entry.contains("kafka_2.13"))) {
            throw new IllegalStateException("The Kafka broker classpath (" + origin + ") has no kafka_2.13 jar");
        }
        return entries;
    }

    private void awaitReady(long deadline) {
        while (!Ports.isAccepting(port, 200)) {
            checkAlive();
            if (System.nanoTime() - deadline > 0) {
                throw failAndDestroy("Kafka did not open 127.0.0.1:" + port + " within "
                        + startTimeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(PROBE_PAUSE_NANOS);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "meshfleet-readiness-probe");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        Exception lastError = null;
        Admin admin = Admin.create(config);
        try {
            while (true) {
                checkAlive();
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw failAndDestroy("Kafka on 127.0.0.1:" + port + " did not describe its cluster within "
                            + startTimeout.toSeconds() + " s" + (lastError == null ? "" : " (last error: " + lastError + ")"));
                }
                int attemptMillis = (int) Math.min(remainingMillis, 5000);
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(attemptMillis))
                            .nodes().get(attemptMillis + 1000L, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastError = e;
                    LockSupport.parkNanos(PROBE_PAUSE_NANOS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failAndDestroy("Interrupted while waiting for Kafka to start");
                }
            }
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private void launcherExited(boolean normally) {
        JvmLauncher jvm = launcher;
        launcher = null;
        if (jvm != null) {
            jvm.exited(normally);
        }
    }

    private static String exitCode(Process exited) {
        return exited.isAlive() ? "none yet" : Integer.toString(exited.exitValue());
    }

    private void checkAlive() {
        Process running = process;
        if (running != null && !running.isAlive()) {
            process = null;
            launcherExited(false);
            throw failure("The Kafka broker exited during start-up with code " + running.exitValue());
        }
    }

    private IllegalStateException failAndDestroy(String message) {
        Process running = process;
        process = null;
        if (running != null) {
            try {
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        launcherExited(false);
        return failure(message);
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + System.lineSeparator()
                + "--- last lines of " + logFile() + " ---" + System.lineSeparator()
                + Files2.tail(logFile(), LOG_TAIL_LINES));
    }

    private void appendToLog(String line) throws IOException {
        Files.writeString(logFile(), System.lineSeparator() + "===== meshfleet " + Instant.now() + ": " + line
                        + " =====" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void registerShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::destroyOnShutdown, "meshfleet-kafka-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Runs without the instance lock: the JVM may exit while another thread holds it. */
    private void destroyOnShutdown() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        boolean normally = false;
        try {
            normally = running.waitFor(SHUTDOWN_HOOK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!normally) {
                running.destroyForcibly();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
        }
        JvmLauncher jvm = launcher;
        if (jvm != null) {
            jvm.exited(normally);
        }
    }

    /** Options of a {@link KafkaBroker}; each has a default. */
    public static final class Builder {

        private Path dataDirectory;
        private int partitions = 3;
        private Duration startTimeout = Duration.ofSeconds(60);
        private String maxHeap = "512m";
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Where the broker keeps its data; default: a temporary directory deleted on {@link KafkaBroker#close()}.
         *
         * @param directory the data directory, created if missing
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * Partitions of auto-created topics ({@code num.partitions}); default 3.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder partitions(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("partitions must be at least 1: " + count);
            }
            this.partitions = count;
            return this;
        }

        /**
         * How long {@link KafkaBroker#start()} may take; default 60 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Maximum heap of the broker JVM, as for {@code -Xmx}; default {@code 512m}.
         *
         * @param heap for example {@code 512m} or {@code 1g}
         * @return this builder
         */
        public Builder maxHeap(String heap) {
            this.maxHeap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /**
         * Sets or overrides one {@code server.properties} entry.
         *
         * @param key a Kafka broker configuration key
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the broker; it starts with {@link KafkaBroker#start()}.
         *
         * @return a broker that is not yet running
         */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }
    }
}
