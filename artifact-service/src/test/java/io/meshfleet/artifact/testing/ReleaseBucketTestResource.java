package io.meshfleet.artifact.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A release bucket for the service under test: releases built by the real tar/zip and signed by the
 * real openssl with a key the service pins (next to Google's), served over real HTTP on loopback and
 * also readable as a local directory; plus a fresh blob store directory.
 */
public class ReleaseBucketTestResource implements QuarkusTestResourceLifecycleManager {

    /** The release every platform is published for. */
    public static final String VERSION = "1.5.10-asm.2";
    /** A release published for osx only, carried in as files. */
    public static final String OSX_ONLY_VERSION = "1.5.8-asm.1";
    /** A release a crashed request had started to fetch. */
    public static final String RESUME_VERSION = "1.5.7-asm.3";
    /** A release whose linux archive was changed after signing. */
    public static final String TAMPERED_VERSION = "1.5.9-asm.7";

    private static volatile Path root;
    private static volatile ReleaseHttpServer server;
    private static volatile RealReleases releases;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("meshfleet-bucket-");
            Path bucket = Files.createDirectories(root.resolve("bucket"));
            releases = RealReleases.withNewKey(root.resolve("keys"));
            for (String platform : new String[] {"linux", "osx", "win"}) {
                releases.release(bucket, VERSION, platform);
            }
            releases.release(bucket, OSX_ONLY_VERSION, "osx");
            releases.release(bucket, RESUME_VERSION, "linux");
            Path tampered = releases.release(bucket, TAMPERED_VERSION, "linux");
            byte[] bytes = Files.readAllBytes(tampered);
            bytes[bytes.length / 3] ^= 0x20;
            Files.write(tampered, bytes);
            server = ReleaseHttpServer.serve(bucket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of(
                "meshfleet.artifacts.store-dir", root.resolve("store").toString(),
                "meshfleet.artifacts.trusted-keys", releases.publicKey().toString(),
                "meshfleet.artifacts.fetch-backoff", "PT0.05S",
                "meshfleet.artifacts.stall-timeout", "PT5S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The HTTP base URL the releases are served under. */
    public static String baseUrl() {
        return server.baseUrl();
    }

    /** The same releases as a local directory (an air-gapped site's carried-in files). */
    public static Path directory() {
        return root.resolve("bucket");
    }

    /** The blob store the service was given. */
    public static Path store() {
        return root.resolve("store");
    }

    /** The HTTP server, to see the requests it got. */
    public static ReleaseHttpServer server() {
        return server;
    }

    /** The key the releases are signed with. */
    public static RealReleases releases() {
        return releases;
    }
}
