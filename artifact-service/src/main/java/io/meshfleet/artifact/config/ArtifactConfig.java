package io.meshfleet.artifact.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The artifact-service's settings, {@code meshfleet.artifacts.*} (environment: {@code MESHFLEET_ARTIFACTS_*}). */
@ConfigMapping(prefix = "meshfleet.artifacts")
public interface ArtifactConfig {

    /** The blob store's directory: published archives, their extracted trees, downloads in progress. */
    Path storeDir();

    /**
     * PEM files with further pinned release-signing public keys (several blocks each allowed): a rotated
     * Google key, or a site's own key for re-signed releases.
     */
    Optional<List<Path>> trustedKeys();

    /** Whether Google's ASM release key (the one the seed pins) is trusted; on by default. */
    @WithDefault("true")
    boolean trustGoogleAsmKey();

    /** The largest archive accepted, in bytes (real ASM archives are 40-100 MB). */
    @WithDefault("2147483648")
    long maxArchiveBytes();

    /** Fetch attempts per file before the request fails with DOWNLOAD_FAILED; each attempt resumes the last. */
    @WithDefault("4")
    int fetchAttempts();

    /** Wait before the second fetch attempt, doubled before each further one. */
    @WithDefault("PT2S")
    Duration fetchBackoff();

    /** How long an HTTP source may take to accept a connection, and to answer a request with its headers. */
    @WithDefault("PT30S")
    Duration requestTimeout();

    /** How long a download may receive nothing before it is aborted and resumed. */
    @WithDefault("PT60S")
    Duration stallTimeout();

    /** How often the mirror worker looks for queued requests when nothing woke it (a safety net). */
    @WithDefault("PT30S")
    Duration pollInterval();
}
