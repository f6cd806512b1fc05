package io.meshfleet.fleetctl.api;

import io.meshfleet.fleetctl.Fleetctl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of commands that call the orchestrator: its URL and a token (as {@link ArtifactServiceOptions}). */
public final class OrchestratorOptions {

    @Option(names = "--orchestrator-url", paramLabel = "URL",
            description = "The orchestrator. Default: $MESHFLEET_ORCHESTRATOR_URL, else orchestrator-url in the config"
                    + " file, else http://localhost:8080.")
    private String orchestratorUrl;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token. Default: $MESHFLEET_TOKEN, else token in the config file.")
    private String token;

    /** A client for the orchestrator these options (and the environment of {@code spec}'s root) name. */
    public Orchestrator connect(CommandSpec spec) throws ApiException {
        Fleetctl root = (Fleetctl) spec.root().userObject();
        Endpoints endpoints = Endpoints.from(root.environment());
        String url = endpoints.orchestratorUrl(orchestratorUrl);
        String bearer = endpoints.token(token);
        RestClient client = new RestClient("orchestrator", url, bearer,
                "--orchestrator-url, MESHFLEET_ORCHESTRATOR_URL or orchestrator-url in " + endpoints.configFile());
        return new Orchestrator(client, url, bearer != null, endpoints.configFile().toString());
    }
}
