package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What all of an agent's fabric8 clients share: one Vert.x instance under their HTTP clients, and one task executor
 * (informer event dispatch). fabric8's defaults give every client a Vert.x instance of its own (event loops, worker
 * pool, DNS resolver; two threads and about 14 ms a client) and a cached thread pool of its own (an agent of 500
 * clusters ran more than 5,000 threads). Each client still gets its own HTTP connection pool (its own server and
 * credentials). Closing a client leaves these running; {@link #close()} stops them once every client is closed.
 */
public final class SharedClientResources implements AutoCloseable {

    private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";

    private final Vertx vertx;
    private final HttpClient.Factory factory;
    private final ExecutorService executor = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "kube-client-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    /** Starts the instance, configured like fabric8's own (daemon threads, no file cache, the JDK's DNS resolver). */
    public SharedClientResources() {
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

    /** The task executor to build the agent's clients with ({@code KubernetesClientBuilder.withTaskExecutor}). */
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        vertx.close();
    }
}
