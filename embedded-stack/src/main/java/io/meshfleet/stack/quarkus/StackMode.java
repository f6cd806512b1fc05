package io.meshfleet.stack.quarkus;

import java.util.Locale;

/** Chooses between the embedded servers and Testcontainers; only touches Testcontainers classes when asked to. */
final class StackMode {

    /** System property (or environment variable, also as {@code MESHFLEET_STACK}) selecting the back end. */
    static final String PROPERTY = "meshfleet.stack";

    private StackMode() {
    }

    /** True when Testcontainers was asked for, is on the classpath and a Docker engine answers. */
    static boolean useTestcontainers() {
        String requested = System.getProperty(PROPERTY);
        if (requested == null) {
            requested = System.getenv(PROPERTY);
        }
        if (requested == null) {
            requested = System.getenv("MESHFLEET_STACK");
        }
        if (requested == null || !"testcontainers".equals(requested.trim().toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, StackMode.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            System.getLogger(StackMode.class.getName()).log(System.Logger.Level.WARNING,
                    PROPERTY + "=testcontainers but Testcontainers is not on the classpath; using the embedded servers");
            return false;
        }
        boolean docker = ContainerStack.dockerAvailable();
        if (!docker) {
            System.getLogger(StackMode.class.getName()).log(System.Logger.Level.WARNING,
                    PROPERTY + "=testcontainers but no Docker engine answers; using the embedded servers");
        }
        return docker;
    }
}
