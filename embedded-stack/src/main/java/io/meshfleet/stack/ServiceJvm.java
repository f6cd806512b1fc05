package io.meshfleet.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One meshfleet service (a Quarkus {@code quarkus-run.jar}) in its own JVM, as the demo and the system tests run
 * them: configured through environment variables, its output in a log file, ready when {@code /q/health/ready}
 * says so. The child watches its standard input: when this JVM dies, however it dies, the child shuts itself
 * down, so no service outlives its launcher. {@link #kill()} is {@code kill -9}, for crash tests.
 */
public final class ServiceJvm implements AutoCloseable {

    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final String name;
    private final Path runJar;
    private final int httpPort;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private final String mainClass;
    private final List<String> classpath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServiceJvm(Builder builder) {
        this.name = builder.name;
        this.runJar = builder.runJar;
        this.httpPort = builder.httpPort;
        this.environment = Map.copyOf(builder.environment);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.logFile = builder.logFile;
        this.mainClass = builder.mainClass;
        this.classpath = builder.classpath == null ? List.of(runJar.toString()) : List.copyOf(builder.classpath);
    }

    /** A service named {@code name} (for messages) run from {@code runJar}, e.g. {@code orchestrator/target/quarkus-app/quarkus-run.jar}. */
    public static Builder builder(String name, Path runJar) {
        return new Builder(name, runJar);
    }

    /** Starts the JVM (returns at once; see {@link #awaitReady}). Starting a running service does nothing. */
    public synchronized ServiceJvm start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (classpath.equals(List.of(runJar.toString())) && !Files.isRegularFile(runJar)) {
            throw new IllegalStateException(runJar + " does not exist: build the services first (./mvnw -q package -DskipTests)");
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dquarkus.http.port=" + httpPort);
        List<String> command = JvmLauncher.forApplication(classpath).command(options, List.of(mainClass), false);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runJar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE); // never written: the child exits when it closes
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException the JVM exited, or was not ready within {@code timeout}; the message ends
     *                               with the last lines of its log
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                .GET().build();
        while (true) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " exited" + (running == null ? "" : " with " + running.exitValue())
                        + " before it was ready; its log " + logFile + " ends with:\n" + tail(30));
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log "
                        + logFile + " ends with:\n" + tail(30));
            }
            try {
                // Polling another process's HTTP endpoint: there is nothing in this JVM to wait on.
                running.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The service's name. */
    public String name() {
        return name;
    }

    /** Where its output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the JVM is running. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Its process id. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Stops the service gracefully (SIGTERM: Quarkus runs its shutdown), forcibly after 20 s. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the JVM at once ({@code kill -9}): no shutdown hooks, as in a crash. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Builds a {@link ServiceJvm}. */
    public static final class Builder {
        private final String name;
        private final Path runJar;
        private int httpPort;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        private Path logFile;
        private String mainClass = QUARKUS_MAIN;
        private List<String> classpath;

        private Builder(String name, Path runJar) {
            this.name = Objects.requireNonNull(name, "name");
            this.runJar = runJar.toAbsolutePath().normalize();
        }

        /** The HTTP port (default: a free one). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** An environment variable, e.g. {@code KAFKA_BOOTSTRAP_SERVERS}. */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Every entry as environment variables. */
        public Builder env(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        /** A JVM option, e.g. {@code -Xmx512m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Where stdout and stderr go (default: {@code <name>.log} in the temporary directory). */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** Another main class and classpath than the Quarkus runner's (tests use a tiny HTTP server). */
        public Builder main(String mainClass, List<String> classpath) {
            this.mainClass = mainClass;
            this.classpath = List.copyOf(classpath);
            return this;
        }

        public ServiceJvm build() {
            if (httpPort == 0) {
                httpPort = Ports.freePorts(1)[0];
            }
            if (logFile == null) {
                logFile = Path.of(System.getProperty("java.io.tmpdir"), "meshfleet-" + name + ".log");
            }
            return new ServiceJvm(this);
        }
    }
}
