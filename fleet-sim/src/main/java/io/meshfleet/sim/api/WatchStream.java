package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.WatchEvent;
import io.meshfleet.sim.store.WatchListener;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch connection: store events encoded as Kubernetes watch events ({@code {"type":..,"object":..}}), written
 * as newline-separated chunks of an HTTP/1.1 response (kubectl, client-go) or as WebSocket text messages (fabric8).
 * A client that cannot keep up is disconnected, as the real server does; it re-lists and watches again.
 */
final class WatchStream implements WatchListener {

    /** Where encoded events go. */
    interface Sink {
        void send(Buffer event);

        boolean congested();

        void end();
    }

    /** Chunked HTTP response. */
    static Sink chunked(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "application/json");
        response.writeHead();
        return new Sink() {
            @Override
            public void send(Buffer event) {
                response.write(event.appendByte((byte) '\n'));
            }

            @Override
            public boolean congested() {
                return response.writeQueueFull();
            }

            @Override
            public void end() {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            }
        };
    }

    /** WebSocket text messages. */
    static Sink webSocket(ServerWebSocket socket) {
        return new Sink() {
            @Override
            public void send(Buffer event) {
                socket.writeTextMessage(event.toString(StandardCharsets.UTF_8));
            }

            @Override
            public boolean congested() {
                return socket.writeQueueFull();
            }

            @Override
            public void end() {
                if (!socket.isClosed()) {
                    socket.close();
                }
            }
        };
    }

    private final ResourceType type;
    private final Sink sink;
    private final boolean table;
    private final TableRenderer.IncludeObject include;
    private final boolean initialEventsBookmark;
    private final Clock clock;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile StoreWatch watch;
    private volatile long timer = -1;
    private Vertx vertx;

    WatchStream(ResourceType type, Sink sink, boolean table, TableRenderer.IncludeObject include,
                boolean initialEventsBookmark, Clock clock) {
        this.type = type;
        this.sink = sink;
        this.table = table;
        this.include = include;
        this.initialEventsBookmark = initialEventsBookmark;
        this.clock = clock;
    }

    /** Attaches the store watch (after subscribing) and an optional timeout. */
    void started(StoreWatch storeWatch, Vertx timers, long timeoutSeconds) {
        this.watch = storeWatch;
        this.vertx = timers;
        if (finished.get()) {
            storeWatch.close();
            return;
        }
        if (timeoutSeconds > 0) {
            timer = timers.setTimer(timeoutSeconds * 1000, id -> finish());
        }
    }

    @Override
    public void onEvent(WatchEvent event) {
        if (finished.get()) {
            return;
        }
        if (sink.congested()) {
            finish();
            return;
        }
        Buffer buffer = Buffer.buffer(event.object().size() + 64);
        buffer.appendString("{\"type\":\"").appendString(event.type().name()).appendString("\",\"object\":");
        if (table) {
            ObjectNode rendered = TableRenderer.table(type, List.of(event.node()),
                    event.object().resourceVersion(), clock.instant(), include);
            buffer.appendBytes(Json.bytes(rendered));
        } else {
            buffer.appendBytes(event.object().json());
        }
        sink.send(buffer.appendByte((byte) '}'));
    }

    @Override
    public void onInitialEventsEnd(long resourceVersion) {
        if (!initialEventsBookmark || finished.get()) {
            return;
        }
        ObjectNode bookmark = Json.object().put("type", "BOOKMARK");
        ObjectNode object = bookmark.putObject("object").put("kind", type.kind())
                .put("apiVersion", type.apiVersion());
        ObjectNode meta = object.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        sink.send(Buffer.buffer(Json.bytes(bookmark)));
    }

    /** Sends an ERROR event (e.g. 410 Expired) and ends the stream. */
    void fail(ObjectNode status) {
        ObjectNode error = Json.object().put("type", "ERROR");
        error.set("object", status);
        sink.send(Buffer.buffer(Json.bytes(error)));
        finish();
    }

    /** Stops the store watch and ends the connection. Idempotent. */
    void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        StoreWatch current = watch;
        if (current != null) {
            current.close();
        }
        if (timer >= 0 && vertx != null) {
            vertx.cancelTimer(timer);
        }
        sink.end();
    }
}
