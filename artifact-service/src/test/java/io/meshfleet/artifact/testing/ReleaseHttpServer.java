package io.meshfleet.artifact.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback serving the files of a directory the way a release bucket does
 * (with {@code Range} support), plus the faults a download must survive: a connection dropped after
 * some bytes, a server that ignores {@code Range}, one that stalls, one that sends no length.
 */
public final class ReleaseHttpServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request the server saw. */
    public record Request(String path, String range) {
    }

    private final HttpServer server;
    private final Path root;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Long> dropAfter = new ConcurrentHashMap<>();
    private final Map<String, Long> stallAfter = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean honourRange = true;
    private volatile boolean chunked;

    private ReleaseHttpServer(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code root} at {@link #baseUrl()}. */
    public static ReleaseHttpServer serve(Path root) throws IOException {
        return new ReleaseHttpServer(root);
    }

    /** e.g. {@code http://127.0.0.1:40123/asm} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/asm";
    }

    /** The next response for {@code fileName} closes the connection after {@code bytes} body bytes. */
    public void dropOnceAfter(String fileName, long bytes) {
        dropAfter.put(fileName, bytes);
    }

    /** The next response for {@code fileName} stops sending after {@code bytes} body bytes and holds the connection open. */
    public void stallOnceAfter(String fileName, long bytes) {
        stallAfter.put(fileName, bytes);
    }

    /** Whether {@code Range} requests are answered with 206 (true, the default) or ignored with a 200. */
    public void honourRange(boolean honour) {
        this.honourRange = honour;
    }

    /** Whether bodies are sent chunked, without a Content-Length. */
    public void chunked(boolean chunked) {
        this.chunked = chunked;
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(new Request(path, range));
            if (!path.startsWith("/asm/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = path.substring("/asm/".length());
            Path file = root.resolve(name).normalize();
            if (!file.getParent().equals(root.normalize()) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long length = Files.size(file);
            long start = 0;
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (honourRange && matcher != null && matcher.matches()) {
                start = Long.parseLong(matcher.group(1));
                if (start >= length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (length - 1) + "/" + length);
                exchange.sendResponseHeaders(206, chunked ? 0 : length - start);
            } else {
                exchange.sendResponseHeaders(200, chunked ? 0 : length);
            }
            Long drop = dropAfter.remove(name);
            Long stall = stallAfter.remove(name);
            long limit = drop != null ? drop : stall != null ? stall : Long.MAX_VALUE;
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                in.skipNBytes(start);
                byte[] buffer = new byte[8192];
                long sent = 0;
                for (int n; (n = in.read(buffer)) != -1 && sent < limit; ) {
                    int chunk = (int) Math.min(n, limit - sent);
                    out.write(buffer, 0, chunk);
                    sent += chunk;
                }
                out.flush();
                if (stall != null) {
                    released.await(); // until the server closes; the client's watchdog must give up first
                }
                if (drop != null || stall != null) {
                    // Leave without completing the body: the client sees the connection end early.
                    throw new IOException("fault injected after " + sent + " bytes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
