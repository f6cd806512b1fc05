package io.meshfleet.artifact.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release files under an HTTP(S) base URL, e.g. a mirror of {@code https://storage.googleapis.com/gke-release/asm}.
 * Resumes with a {@code Range} request; a server that ignores it sends the whole file again, which the
 * caller sees as a download starting at 0.
 */
public final class HttpReleaseSource implements ReleaseSource {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;

    public HttpReleaseSource(String baseUrl, HttpClient http, Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Download open(String fileName, long offset) throws FetchException {
        URI uri = URI.create(baseUrl + fileName);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "GET " + uri + " failed: " + e
                    + " (is the source reachable from the artifact-service?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "interrupted while fetching " + uri, e);
        }
        int status = response.statusCode();
        OptionalLong contentLength = response.headers().firstValueAsLong("Content-Length");
        switch (status) {
            case 200 -> {
                return new Download(response.body(), 0, contentLength);
            }
            case 206 -> {
                Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
                    closeQuietly(response.body());
                    throw new FetchException(FetchException.Problem.UNAVAILABLE, "GET " + uri + " answered 206 with Content-Range '"
                            + response.headers().firstValue("Content-Range").orElse("") + "', not from byte " + offset);
                }
                OptionalLong total = "*".equals(range.group(3)) ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(range.group(3)));
                return new Download(response.body(), offset, total);
            }
            case 404, 410 -> {
                closeQuietly(response.body());
                throw new FetchException(FetchException.Problem.NOT_FOUND, "GET " + uri + " answered " + status);
            }
            case 416 -> {
                // The partial file is as long as the file or longer: it is not a prefix we can trust. Start over.
                closeQuietly(response.body());
                return open(fileName, 0);
            }
            default -> {
                closeQuietly(response.body());
                throw new FetchException(FetchException.Problem.UNAVAILABLE, "GET " + uri + " answered " + status);
            }
        }
    }

    @Override
    public String describe() {
        return baseUrl.substring(0, baseUrl.length() - 1);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the answer is already known; a failing close changes nothing
        }
    }
}
