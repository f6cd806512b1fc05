package io.meshfleet.fleetctl.api;

import io.meshfleet.fleetctl.Fleetctl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of commands that call the artifact-service: its URL and a token. */
public final class ArtifactServiceOptions {

    @Option(names = "--artifact-url", paramLabel = "URL",
            description = "The artifact-service. Default: $MESHFLEET_ARTIFACT_URL, else artifact-url in the config file,"
                    + " else http://localhost:8082.")
    private String artifactUrl;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token. Default: $MESHFLEET_TOKEN, else token in the config file.")
    private String token;

    /** A client for the artifact-service these options (and the environment of {@code spec}'s root) name. */
    public RestClient client(CommandSpec spec) throws ApiException {
        Fleetctl root = (Fleetctl) spec.root().userObject();
        Endpoints endpoints = Endpoints.from(root.environment());
        return new RestClient("artifact-service", endpoints.artifactUrl(artifactUrl), endpoints.token(token),
                "--artifact-url, MESHFLEET_ARTIFACT_URL or artifact-url in " + endpoints.configFile());
    }
}
