package io.meshfleet.agent.kube;

import com.sun.net.httpserver.HttpServer;
import io.meshfleet.agent.install.ArtifactClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real HTTP server speaking artifact-service's blob contract ({@code GET /api/v1/blobs/sha256/{hex}} with
 * {@code X-Meshfleet-Sha256}, 404 for unknown blobs), serving files the test registers, optionally under a digest
 * they do not have (a lying or corrupted mirror).
 */
public final class ArtifactServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Path> blobs = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public ArtifactServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/blobs/sha256/", exchange -> {
            String hex = exchange.getRequestURI().getPath().substring("/api/v1/blobs/sha256/".length());
            requests.add(hex);
            Path file = blobs.get(hex);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().add(ArtifactClient.DIGEST_HEADER, hex);
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
    }

    /** Serves {@code file} as the blob {@code hex} (whether or not that is its digest). */
    public ArtifactServer serve(String hex, Path file) {
        blobs.put(hex, file);
        return this;
    }

    /** The digests requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The base URL ({@code meshfleet.agent.artifact-url}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
