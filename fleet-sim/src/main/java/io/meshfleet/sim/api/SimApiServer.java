package io.meshfleet.sim.api;

import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.ResourceTable;
import io.meshfleet.sim.store.StatusReason;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One HTTP server (Vert.x, one port) serving the Kubernetes API of any number of simulated clusters, each under its
 * own path prefix {@code /clusters/<name>}: one listening socket for a thousand clusters, and a server URL that both
 * kubectl and the fabric8 client accept unchanged.
 */
public final class SimApiServer implements AutoCloseable {

    /** The path prefix of every cluster: {@code http://host:port/clusters/<name>}. */
    public static final String CLUSTER_PREFIX = "/clusters/";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /**
     * How the server runs.
     *
     * @param host interface to bind (loopback by default)
     * @param port port, 0 for any free one
     * @param clock the clock of every cluster's store (timestamps, ages)
     * @param kubernetesVersion what {@code /version} reports (the gcloud kubectl dispatcher picks its binary by it)
     * @param storeOptions options of each cluster's store
     * @param eventLoops Vert.x event-loop threads
     */
    public record Settings(String host, int port, Clock clock, String kubernetesVersion, StoreOptions storeOptions,
                           int eventLoops) {

        /** Loopback, any port, system UTC clock, v1.32.4, default store options, two event loops. */
        public static final Settings DEFAULTS =
                new Settings("127.0.0.1", 0, Clock.systemUTC(), "v1.32.4", StoreOptions.DEFAULTS, 2);

        /** These settings with another clock. */
        public Settings withClock(Clock value) {
            return new Settings(host, port, value, kubernetesVersion, storeOptions, eventLoops);
        }

        /** These settings with other store options. */
        public Settings withStoreOptions(StoreOptions value) {
            return new Settings(host, port, clock, kubernetesVersion, value, eventLoops);
        }
    }

    private final Settings settings;
    private final Map<String, SimCluster> clusters = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpServer http;
    private volatile ClusterApi api;
    private volatile int port = -1;

    /** With default settings. */
    public SimApiServer() {
        this(Settings.DEFAULTS);
    }

    /** With the given settings. */
    public SimApiServer(Settings settings) {
        this.settings = settings;
    }

    /** Binds the port; returns once the server accepts connections. */
    public synchronized SimApiServer start() {
        if (http != null) {
            return this;
        }
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(settings.eventLoops())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setHandle100ContinueAutomatically(true)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024)
                .setMaxWebSocketFrameSize(1024 * 1024);
        api = new ClusterApi(vertx, settings.kubernetesVersion(), () -> settings.host() + ":" + port);
        HttpServer server = vertx.createHttpServer(options).requestHandler(this::route);
        try {
            http = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the simulated API server", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot start the simulated API server on " + settings.host() + ":"
                    + settings.port(), e);
        }
        port = http.actualPort();
        return this;
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the simulated API server is not started");
        }
        return port;
    }

    /** {@code http://127.0.0.1:<port>} (after {@link #start()}). */
    public String baseUrl() {
        return "http://" + settings.host() + ":" + port();
    }

    /** Adds a cluster serving the built-in resources. */
    public SimCluster addCluster(String name) {
        return addCluster(name, ResourceTable.builtIn());
    }

    /** Adds a cluster serving the given resource table. */
    public SimCluster addCluster(String name, ResourceTable resources) {
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a cluster name must be a DNS label: " + name);
        }
        SimCluster cluster = new SimCluster(name,
                new ClusterStore(name, settings.clock(), resources, settings.storeOptions()), this);
        if (clusters.putIfAbsent(name, cluster) != null) {
            throw new IllegalArgumentException("cluster " + name + " already exists");
        }
        return cluster;
    }

    /** The cluster with this name. */
    public Optional<SimCluster> find(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** The cluster with this name, or an IllegalArgumentException. */
    public SimCluster cluster(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + name));
    }

    /** Every cluster. */
    public Collection<SimCluster> clusters() {
        return new ArrayList<>(clusters.values());
    }

    /** Removes a cluster; its URL answers 404 from now on (open watches stay until they end). */
    public void removeCluster(String name) {
        clusters.remove(name);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    private void route(HttpServerRequest request) {
        String path = request.path();
        if (!path.startsWith(CLUSTER_PREFIX)) {
            ClusterApi.error(request.response(), StoreException.of(StatusReason.NOT_FOUND,
                    "the simulated API server serves clusters under " + CLUSTER_PREFIX + "<name>"));
            return;
        }
        int slash = path.indexOf('/', CLUSTER_PREFIX.length());
        String name = slash < 0 ? path.substring(CLUSTER_PREFIX.length())
                : path.substring(CLUSTER_PREFIX.length(), slash);
        SimCluster cluster = clusters.get(name);
        if (cluster == null) {
            ClusterApi.error(request.response(), StoreException.of(StatusReason.NOT_FOUND,
                    "no simulated cluster named " + name));
            return;
        }
        api.handle(cluster, request, slash < 0 ? "/" : path.substring(slash));
    }

    /** Stops the HTTP server and its threads. */
    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot stop the simulated API server", e);
        } finally {
            vertx = null;
            http = null;
        }
    }
}
