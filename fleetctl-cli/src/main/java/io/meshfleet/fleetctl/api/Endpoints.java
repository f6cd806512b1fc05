package io.meshfleet.fleetctl.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the meshfleet services are and the token to call them with. Each setting comes from the first of:
 * the command's option, the environment variable, the config file ({@code $MESHFLEET_CONFIG}, else
 * {@code ~/.config/meshfleet/fleetctl.properties}), the default.
 *
 * <pre>
 * setting            option             environment              config file key   default
 * artifact-service   --artifact-url     MESHFLEET_ARTIFACT_URL   artifact-url      http://localhost:8082
 * orchestrator       --orchestrator-url MESHFLEET_ORCHESTRATOR_URL orchestrator-url http://localhost:8080
 * bearer token       --token            MESHFLEET_TOKEN          token             (none)
 * </pre>
 */
public final class Endpoints {

    /** Environment variable naming the config file. */
    public static final String CONFIG_ENV = "MESHFLEET_CONFIG";

    private final Map<String, String> environment;
    private final Properties file;
    private final Path fileUsed;

    private Endpoints(Map<String, String> environment, Properties file, Path fileUsed) {
        this.environment = environment;
        this.file = file;
        this.fileUsed = fileUsed;
    }

    /** Reads the config file (if there is one) named by {@code environment}. */
    public static Endpoints from(Map<String, String> environment) throws ApiException {
        String explicit = environment.get(CONFIG_ENV);
        Path path = explicit != null && !explicit.isBlank() ? Path.of(explicit)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config", "meshfleet",
                        "fleetctl.properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(path)) {
            try (Reader reader = Files.newBufferedReader(path)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "cannot read the config file " + path + ": "
                        + e.getMessage());
            }
        } else if (explicit != null && !explicit.isBlank()) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, CONFIG_ENV + " names " + path
                    + ", which does not exist: create it or unset " + CONFIG_ENV);
        }
        return new Endpoints(environment, properties, path);
    }

    /** The artifact-service base URL. */
    public String artifactUrl(String option) {
        return pick(option, "MESHFLEET_ARTIFACT_URL", "artifact-url", "http://localhost:8082");
    }

    /** The orchestrator base URL. */
    public String orchestratorUrl(String option) {
        return pick(option, "MESHFLEET_ORCHESTRATOR_URL", "orchestrator-url", "http://localhost:8080");
    }

    /** The bearer token, or null. */
    public String token(String option) {
        return pick(option, "MESHFLEET_TOKEN", "token", null);
    }

    /** The config file consulted (it may not exist). */
    public Path configFile() {
        return fileUsed;
    }

    private String pick(String option, String env, String key, String fallback) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String fromEnv = environment.get(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile.strip();
        }
        return fallback;
    }
}
