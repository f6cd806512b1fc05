package io.meshfleet.fleetctl.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real HTTP server on loopback standing in for a meshfleet service's REST API in CLI tests: it answers
 * each {@code METHOD path} with what the test scripted and records every request.
 */
public final class StubService implements AutoCloseable {

    /** A request as the server saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** A scripted answer. */
    public record Answer(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Supplier<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public StubService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                Supplier<Answer> answer = answers.getOrDefault(key, () -> new Answer(404, "{\"error\":\"no such path\"}"));
                Answer a = answer.get();
                byte[] bytes = a.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            }
        });
        server.start();
    }

    /** Answers {@code method path} with {@code status} and {@code json}. */
    public StubService on(String method, String path, int status, String json) {
        answers.put(method + " " + path, () -> new Answer(status, json));
        return this;
    }

    /** Answers {@code method path} with whatever {@code answer} gives at each call. */
    public StubService on(String method, String path, Supplier<Answer> answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
