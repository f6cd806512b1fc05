package io.meshfleet.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A stand-in service for {@link ServiceJvmTest}: answers {@code /q/health/ready} on {@code quarkus.http.port}; exits 3 when asked to fail. */
public final class HealthyServerMain {

    private HealthyServerMain() {
    }

    public static void main(String[] args) throws IOException {
        if ("fail".equals(System.getenv("HEALTHY_SERVER_MODE"))) {
            System.out.println("configuration problem: nothing to serve");
            System.exit(3);
        }
        int port = Integer.getInteger("quarkus.http.port");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + port + " with GREETING=" + System.getenv("GREETING"));
    }
}
