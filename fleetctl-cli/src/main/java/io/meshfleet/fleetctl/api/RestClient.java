package io.meshfleet.fleetctl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * A small JSON-over-HTTP client for one meshfleet service. Failures become {@link ApiException}s whose
 * message says what to do: the service is not running, the token is missing or expired, the thing asked
 * for does not exist (with the service's own explanation).
 */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final String service;
    private final String baseUrl;
    private final String token;
    private final String urlHint;
    private final HttpClient http;

    /**
     * @param service human name, e.g. {@code artifact-service}
     * @param urlHint how the user sets the URL, e.g. {@code --artifact-url or MESHFLEET_ARTIFACT_URL}
     */
    public RestClient(String service, String baseUrl, String token, String urlHint) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.urlHint = urlHint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The JSON mapper commands use for output. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** GET {@code path} (e.g. {@code /api/v1/releases}). */
    public JsonNode get(String path) throws ApiException {
        return send(request(path).GET().build());
    }

    /** POST {@code body} as JSON to {@code path} with extra headers. */
    public JsonNode post(String path, Object body, Map<String, String> headers) throws ApiException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request", e);
        }
        return send(request.build());
    }

    /** POST a document of {@code contentType} (e.g. a YAML plan) to {@code path}. */
    public JsonNode postDocument(String path, String contentType, String document) throws ApiException {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(document)).build());
    }

    private HttpRequest.Builder request(String path) throws ApiException {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "'" + baseUrl + "' is not a valid URL for the "
                    + service + ": set " + urlHint);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request) throws ApiException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "cannot reach the " + service + " at " + baseUrl
                    + ": is it running? Point fleetctl at it with " + urlHint);
        } catch (HttpTimeoutException e) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "the " + service + " at " + baseUrl
                    + " did not answer within 30 s");
        } catch (IOException e) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "calling the " + service + " at " + baseUrl
                    + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "interrupted");
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return body;
        }
        String explanation = explanation(body, response.body());
        String message = switch (status) {
            case 401 -> "the " + service + " refused the call (401): " + (token == null
                    ? "no token given; pass --token or set MESHFLEET_TOKEN"
                    : "the token is invalid or expired; get a new one") ;
            case 403 -> "the " + service + " refused the call (403): the token's roles do not allow it"
                    + (explanation.isEmpty() ? "" : " (" + explanation + ")");
            case 404 -> explanation.isEmpty() ? "not found on the " + service + " (404)" : explanation;
            default -> "the " + service + " answered " + status + (explanation.isEmpty() ? "" : ": " + explanation);
        };
        throw new ApiException(ApiException.EXIT_REFUSED, status, message);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String explanation(JsonNode body, String raw) {
        for (String field : new String[] {"error", "message", "detail", "title"}) {
            if (body.hasNonNull(field)) {
                StringBuilder text = new StringBuilder(body.get(field).asText());
                // Field errors, e.g. of an invalid plan: {"field": "waves[1].percent", "message": "..."}
                for (JsonNode error : body.path("errors")) {
                    text.append("\n  ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
                }
                return text.toString();
            }
        }
        if (body.has("problems")) {
            return String.join("; ", JSON.convertValue(body.get("problems"), String[].class));
        }
        if (body.has("violations")) {
            return body.get("violations").toString();
        }
        return raw == null ? "" : raw.strip();
    }
}
