package io.meshfleet.system.scale;

import io.meshfleet.stack.ServiceJvm;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a running stack as the scale run measures them: CPU time of each (the services by pid, the Kafka
 * broker, PostgreSQL's server processes (the postmaster and its children; CPU of backends that already ended is not
 * counted), this JVM with fleet-sim in it) read from the operating system, and, sampled
 * every second in the background, each service's heap in use ({@code jvm_memory_used_bytes{area="heap"}} from its
 * {@code /q/metrics}), this JVM's heap, and the number of PostgreSQL server processes (one per connection plus a few).
 */
final class StackProcesses implements AutoCloseable {

    /** This JVM: the test, its Kafka clients and fleet-sim. */
    static final String FLEET_SIM = "test JVM (fleet-sim)";
    static final String KAFKA = "Kafka broker";
    static final String POSTGRES = "PostgreSQL (live processes)";

    private final List<ServiceJvm> services;
    private final String postgresData;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Long> peakHeap = new ConcurrentHashMap<>();
    private volatile int postgresPeak;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scale-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param services     the service JVMs
     * @param postgresData PostgreSQL's data directory: its server was started through {@code pg_ctl}, so it is no
     *                     child of this JVM, and is found by the {@code -D} of its command line instead
     */
    StackProcesses(List<ServiceJvm> services, java.nio.file.Path postgresData) {
        this.services = List.copyOf(services);
        this.postgresData = postgresData.toAbsolutePath().normalize().toString();
    }

    /** Starts sampling heaps and PostgreSQL processes every second. */
    StackProcesses start() {
        sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** CPU time used so far, by process. */
    Map<String, Duration> cpu() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        for (ServiceJvm service : services) {
            cpu.put(service.name(), ProcessHandle.of(service.pid()).flatMap(p -> p.info().totalCpuDuration())
                    .orElse(Duration.ZERO));
        }
        cpu.put(KAFKA, ProcessHandle.current().descendants().filter(this::isKafka)
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus));
        cpu.put(POSTGRES, postgres().stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus));
        cpu.put(FLEET_SIM, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        return cpu;
    }

    /** The difference {@code after - before} per process. */
    static Map<String, Duration> used(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((name, value) -> used.put(name, value.minus(before.getOrDefault(name, Duration.ZERO))));
        return used;
    }

    /** The most heap in use seen per process, in bytes. */
    Map<String, Long> peakHeap() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (ServiceJvm service : services) {
            Long peak = peakHeap.get(service.name());
            if (peak != null) {
                ordered.put(service.name(), peak);
            }
        }
        Long own = peakHeap.get(FLEET_SIM);
        if (own != null) {
            ordered.put(FLEET_SIM, own);
        }
        return ordered;
    }

    /** The most PostgreSQL server processes seen at once. */
    int postgresPeak() {
        return postgresPeak;
    }

    private void sample() {
        for (ServiceJvm service : services) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    OptionalDouble heap = PrometheusText.sum(response.body(), "jvm_memory_used_bytes", "area=\"heap\"");
                    if (heap.isPresent()) {
                        peakHeap.merge(service.name(), (long) heap.getAsDouble(), Math::max);
                    }
                }
            } catch (java.io.IOException e) {
                // a busy or restarting service misses this sample; the next one counts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        peakHeap.merge(FLEET_SIM, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        postgresPeak = Math.max(postgresPeak, postgres().size());
    }

    /** The postmaster (the process whose command line names the data directory) and its children. */
    private List<ProcessHandle> postgres() {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(postgresData)).orElse(false))
                .filter(this::isPostgres)
                .forEach(postmaster -> {
                    all.add(postmaster);
                    postmaster.descendants().forEach(all::add);
                });
        return all;
    }

    private boolean isKafka(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("kafka") && !isService(process)).orElse(false);
    }

    private boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    private boolean isService(ProcessHandle process) {
        return services.stream().anyMatch(service -> service.isAlive() && service.pid() == process.pid());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
