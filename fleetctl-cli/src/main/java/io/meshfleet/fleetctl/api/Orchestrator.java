package io.meshfleet.fleetctl.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The orchestrator's REST API as fleetctl calls it: a {@link RestClient} whose 401 and 403 answers are turned into
 * messages that say how to get a token and which role the call needs.
 */
public final class Orchestrator {

    /** Reads clusters, plans and the audit trail (operators and approvers may too). */
    public static final String VIEWER = "viewer";
    /** Creates plans, starts, pauses, resumes and aborts them, retries clusters. */
    public static final String OPERATOR = "operator";
    /** Approves waves. */
    public static final String APPROVER = "approver";

    private final RestClient client;
    private final String url;
    private final boolean hasToken;
    private final String configFile;

    Orchestrator(RestClient client, String url, boolean hasToken, String configFile) {
        this.client = client;
        this.url = url;
        this.hasToken = hasToken;
        this.configFile = configFile;
    }

    /** The orchestrator's base URL. */
    public String url() {
        return url;
    }

    /** GET {@code path} (with its query), a call {@code role} may make. */
    public JsonNode get(String path, String role) throws ApiException {
        try {
            return client.get(path);
        } catch (ApiException e) {
            throw explained(e, role);
        }
    }

    /** POST {@code body} as JSON to {@code path}, a call {@code role} may make. */
    public JsonNode post(String path, Object body, String role) throws ApiException {
        try {
            return client.post(path, body, Map.of());
        } catch (ApiException e) {
            throw explained(e, role);
        }
    }

    /** POST a document of {@code contentType} to {@code path}, a call {@code role} may make. */
    public JsonNode postDocument(String path, String contentType, String document, String role) throws ApiException {
        try {
            return client.postDocument(path, contentType, document);
        } catch (ApiException e) {
            throw explained(e, role);
        }
    }

    /** {@code value} encoded for a path segment or a query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ApiException explained(ApiException e, String role) {
        String mint = "fleetctl token mint --key jwt-private.pem --subject $USER --role " + role;
        return switch (e.status()) {
            case 401 -> new ApiException(e.exitCode(), 401, hasToken
                    ? "the orchestrator at " + url + " refused the token (401): it is invalid, expired or signed by a"
                            + " key the orchestrator does not trust. Get a new one from your identity provider (for a"
                            + " local orchestrator: " + mint + ") and pass it with --token or MESHFLEET_TOKEN"
                    : "the orchestrator at " + url + " needs a bearer token (401) and none was given. Get one from"
                            + " your identity provider (for a local orchestrator: " + mint + ") and pass it with"
                            + " --token, MESHFLEET_TOKEN or token= in " + configFile);
            case 403 -> new ApiException(e.exitCode(), 403, "the orchestrator refused the call (403): it needs the role '"
                    + role + "' in the token's groups claim, and this token does not have it. Ask for a token with"
                    + " that role (for a local orchestrator: " + mint + ")");
            default -> e;
        };
    }
}
