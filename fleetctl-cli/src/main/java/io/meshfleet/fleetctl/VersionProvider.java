package io.meshfleet.fleetctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The {@code --version} text: the project version, written into a resource at build time. */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/META-INF/meshfleet/fleetctl.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"fleetctl " + version()};
    }

    /** The project version fleetctl was built from. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: rebuild fleetctl");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
