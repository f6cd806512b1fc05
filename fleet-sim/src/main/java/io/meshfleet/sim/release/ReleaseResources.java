package io.meshfleet.sim.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the data files this package ships under {@code src/main/resources/io/meshfleet/sim/release/}. */
final class ReleaseResources {

    private ReleaseResources() {
    }

    static byte[] bytes(String relativePath) {
        try (InputStream in = ReleaseResources.class.getResourceAsStream(relativePath)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/meshfleet/sim/release/" + relativePath);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String relativePath) {
        return new String(bytes(relativePath), StandardCharsets.UTF_8);
    }

    static String profile(ProfileShape shape, String name) {
        return text("profiles/" + shape.id() + "/" + name + ".yaml");
    }
}
