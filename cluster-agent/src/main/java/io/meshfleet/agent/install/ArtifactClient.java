package io.meshfleet.agent.install;

import io.meshfleet.agent.install.ArtifactDownloadException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads verified release archives from artifact-service: {@code GET {base}/api/v1/blobs/sha256/{hex}} answers
 * the archive's bytes with header {@value #DIGEST_HEADER}, or 404 when the store holds no such verified blob. The
 * agent hashes what it receives and keeps the file only when the hash is the one it asked for: a mirror that
 * served other bytes, or a proxy that changed them, is refused.
 */
public final class ArtifactClient {

    /** The header artifact-service sends with the blob's SHA-256. */
    public static final String DIGEST_HEADER = "X-Meshfleet-Sha256";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public ArtifactClient(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Downloads the blob {@code sha256} to {@code target} (replaced only once it verified). */
    public Path download(String sha256, Path target) throws ArtifactDownloadException, InterruptedException {
        String hex = sha256.toLowerCase(Locale.ROOT);
        URI uri = base.resolve("api/v1/blobs/sha256/" + hex);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    throw new ArtifactDownloadException(Reason.ARTIFACT_NOT_FOUND, "artifact-service has no verified "
                            + "release archive with sha256 " + hex + " (" + uri + " answered 404): mirror and verify "
                            + "the release first");
                }
                if (response.statusCode() != 200) {
                    throw new ArtifactDownloadException(Reason.ARTIFACT_UNAVAILABLE, uri + " answered HTTP "
                            + response.statusCode());
                }
                String announced = response.headers().firstValue(DIGEST_HEADER).orElse("").toLowerCase(Locale.ROOT);
                if (!announced.equals(hex)) {
                    throw new ArtifactDownloadException(Reason.DIGEST_MISMATCH, uri + " announced " + DIGEST_HEADER
                            + ": \"" + announced + "\" for a request of " + hex + "; refusing the archive");
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(hex)) {
                    Files.deleteIfExists(partial);
                    throw new ArtifactDownloadException(Reason.DIGEST_MISMATCH, "the archive from " + uri
                            + " hashes to " + actual + ", not " + hex + ": refused, nothing of it was run");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new ArtifactDownloadException(Reason.ARTIFACT_UNAVAILABLE, "cannot download " + uri + ": " + e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (ArtifactDownloadException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is overwritten by the next attempt
        }
    }
}
