package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The one Vert.x instance under all of an agent's fabric8 clients. fabric8's default factory starts a Vert.x instance
 * (event loops, worker pool, DNS resolver) per client and closes it with the client: about 150 ms and a few threads
 * per served cluster, more than a minute and thousands of threads for an agent of 500 clusters. With this factory
 * each client still gets its own HTTP connection pool (its own server and credentials), on shared event loops.
 * Closing a client leaves the instance running; {@link #close()} stops it once every client is closed.
 */
public final class SharedHttpClientFactory implements AutoCloseable {

    private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";

    private final Vertx vertx;
    private final HttpClient.Factory factory;

    /** Starts the instance, configured like fabric8's own (daemon threads, no file cache, the JDK's DNS resolver). */
    public SharedHttpClientFactory() {
        String previous = System.getProperty(DISABLE_DNS_RESOLVER);
        System.setProperty(DISABLE_DNS_RESOLVER, "true");
        try {
            vertx = Vertx.vertx(new VertxOptions()
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false))
                    .setUseDaemonThread(true));
        } finally {
            if (previous == null) {
                System.clearProperty(DISABLE_DNS_RESOLVER);
            } else {
                System.setProperty(DISABLE_DNS_RESOLVER, previous);
            }
        }
        factory = new VertxHttpClientFactory(vertx);
    }

    /** The factory to build the agent's clients with ({@code KubernetesClientBuilder.withHttpClientFactory}). */
    public HttpClient.Factory factory() {
        return factory;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
