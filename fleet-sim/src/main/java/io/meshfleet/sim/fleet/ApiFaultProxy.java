package io.meshfleet.sim.fleet;

import io.meshfleet.sim.api.SimApiServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reverse proxy in front of the fleet's API server for the clusters with API faults: it passes requests on, late
 * (API_SLOW) or never (API_UNAVAILABLE: the connection is accepted and the request left unanswered). Their kubeconfig
 * entries point here, so kubectl, fabric8 and agents see the fault; the in-process controllers do not (a cluster whose
 * API server is unreachable from outside still runs). Watches stream through; WebSocket upgrades are refused (200,
 * empty), so fabric8 watches fall back to HTTP.
 *
 * <p>A cluster's health can change while clients are connected: switched to UNAVAILABLE, the answers in flight (a
 * watch's stream, a list being sent) stop where they are, their connections left open and silent, as with an API
 * server that hangs; switched back, every connection left hanging (those and the requests never answered) is closed,
 * as a recovered API server's old connections would be, so clients notice and reconnect.
 */
final class ApiFaultProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final String host;
    private final int targetPort;
    private final Duration latency;
    private final Map<String, ApiHealth> health = new ConcurrentHashMap<>();
    /** Per cluster, the requests being answered (event-loop state, like everything below). */
    private final Map<String, Set<Exchange>> live = new HashMap<>();
    /** Per cluster, the requests left unanswered, or cut off mid-answer, while it was UNAVAILABLE. */
    private final Map<String, Set<HttpServerRequest>> hanging = new HashMap<>();

    /** A request passed on, and the request to the API server that answers it. */
    private record Exchange(HttpServerRequest request, HttpClientRequest upstream) {
    }
    private Vertx vertx;
    private HttpClient client;
    private int port;

    /**
     * @param host       the interface both servers use
     * @param targetPort the API server's port
     * @param latency    the real delay of a SLOW cluster's answers
     */
    ApiFaultProxy(String host, int targetPort, Duration latency) {
        this.host = host;
        this.targetPort = targetPort;
        this.latency = latency;
    }

    /** Binds a free port. */
    ApiFaultProxy start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(targetPort)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
                .requestHandler(this::handle);
        try {
            port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the API fault proxy", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot start the API fault proxy", e);
        }
        return this;
    }

    /** The URL a cluster is reached at through the proxy. */
    String url(String cluster) {
        return "http://" + host + ":" + port + SimApiServer.CLUSTER_PREFIX + cluster;
    }

    /**
     * Sets how a cluster's API answers through the proxy, for new requests and for those in flight (see the class
     * comment); returns once the requests in flight were dealt with.
     */
    void health(String cluster, ApiHealth value) {
        ApiHealth before = health.put(cluster, value);
        if (vertx == null || before == value || before == null && value == ApiHealth.AVAILABLE) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                healthChanged(cluster, value);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching the API of " + cluster, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot switch the API of " + cluster + " to " + value, e);
        }
    }

    private void healthChanged(String cluster, ApiHealth value) {
        if (value == ApiHealth.UNAVAILABLE) {
            // Cut off the answers in flight: nothing more reaches the client, whose connection stays open and silent.
            for (Exchange exchange : List.copyOf(live.getOrDefault(cluster, Set.of()))) {
                untrack(cluster, exchange);
                hold(cluster, exchange.request());
                exchange.upstream().reset();
            }
        } else {
            Set<HttpServerRequest> left = hanging.remove(cluster);
            if (left != null) {
                left.forEach(request -> request.connection().close());
            }
        }
    }

    private void hold(String cluster, HttpServerRequest request) {
        hanging.computeIfAbsent(cluster, c -> new HashSet<>()).add(request);
        request.connection().closeHandler(v -> {
            Set<HttpServerRequest> held = hanging.get(cluster);
            if (held != null) {
                held.remove(request);
            }
        });
    }

    private void track(String cluster, Exchange exchange) {
        live.computeIfAbsent(cluster, c -> new HashSet<>()).add(exchange);
    }

    private void untrack(String cluster, Exchange exchange) {
        Set<Exchange> exchanges = live.get(cluster);
        if (exchanges != null) {
            exchanges.remove(exchange);
        }
    }

    /** How a cluster's API answers through the proxy. */
    ApiHealth health(String cluster) {
        return health.getOrDefault(cluster, ApiHealth.AVAILABLE);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        String cluster = "";
        if (path.startsWith(SimApiServer.CLUSTER_PREFIX)) {
            int slash = path.indexOf('/', SimApiServer.CLUSTER_PREFIX.length());
            cluster = slash < 0 ? path.substring(SimApiServer.CLUSTER_PREFIX.length())
                    : path.substring(SimApiServer.CLUSTER_PREFIX.length(), slash);
        }
        request.pause();
        String name = cluster;
        switch (health(cluster)) {
            case UNAVAILABLE -> {
                // Never answered: the client's own timeout is what it will see, as with a dead API server.
                hold(cluster, request);
            }
            case SLOW -> vertx.setTimer(Math.max(1, latency.toMillis()), id -> forward(name, request));
            case AVAILABLE -> forward(cluster, request);
            default -> throw new IllegalStateException();
        }
    }

    /**
     * A WebSocket upgrade is refused as a proxy without WebSocket support refuses it (kubectl proxy once did): 200 with
     * an empty body, on which fabric8 falls back to an HTTP watch. Passed on, the API server would answer the request,
     * stripped of its Upgrade header, with a chunked watch that never ends, and fabric8 would wait for it forever
     * (an agent's informers never synced through the proxy).
     */
    private static boolean refusedUpgrade(HttpServerRequest request) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return false;
        }
        request.response().setStatusCode(200).putHeader("Content-Length", "0").end();
        return true;
    }

    private void forward(String cluster, HttpServerRequest request) {
        if (health(cluster) == ApiHealth.UNAVAILABLE) {
            hold(cluster, request); // a SLOW request whose cluster went down while it waited
            return;
        }
        if (refusedUpgrade(request)) {
            return;
        }
        HttpServerResponse response = request.response();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri())
                .setHost(host).setPort(targetPort);
        client.request(options).onSuccess(upstream -> {
            Exchange exchange = new Exchange(request, upstream);
            track(cluster, exchange);
            copy(request.headers(), upstream.headers());
            response.closeHandler(v -> {
                untrack(cluster, exchange);
                upstream.reset();
            });
            response.endHandler(v -> untrack(cluster, exchange));
            boolean body = request.headers().contains("Content-Length")
                    || request.headers().contains("Transfer-Encoding");
            (body ? upstream.send(request) : sendEmpty(upstream, request)).onSuccess(answer -> {
                response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
                copy(answer.headers(), response.headers());
                if (!answer.headers().contains("Content-Length")) {
                    response.setChunked(true);
                }
                // A cut-off answer (the cluster went UNAVAILABLE) must leave the client waiting, not end its stream.
                answer.pipe().endOnFailure(false).to(response);
            }).onFailure(e -> failed(cluster, exchange, response, e));
        }).onFailure(e -> badGateway(response, e));
    }

    private void failed(String cluster, Exchange exchange, HttpServerResponse response, Throwable cause) {
        if (!hanging.getOrDefault(cluster, Set.of()).contains(exchange.request())) {
            badGateway(response, cause);
        }
    }

    private static io.vertx.core.Future<io.vertx.core.http.HttpClientResponse> sendEmpty(HttpClientRequest upstream,
                                                                                          HttpServerRequest request) {
        request.resume();
        return upstream.send();
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static void badGateway(HttpServerResponse response, Throwable cause) {
        if (!response.headWritten() && !response.closed()) {
            response.setStatusCode(502).end("fleet-sim API fault proxy: " + cause.getMessage());
        }
    }

    @Override
    public void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot stop the API fault proxy", e);
            } finally {
                vertx = null;
            }
        }
    }
}
