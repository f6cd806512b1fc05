package io.meshfleet.artifact.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Release archives made the way Google makes them, with the real tools: a tree laid out like
 * {@code istio-<version>/}, packed by the real {@code tar} (linux, osx) and {@code zip} (win), and
 * signed by the real {@code openssl dgst -sha256 -sign} with a P-256 key {@code openssl} generated.
 */
public final class RealReleases {

    /** Profiles every test release ships, like the real ones. */
    public static final List<String> PROFILES = List.of("asm-multicloud", "default", "minimal");

    private final Path keyDir;

    private RealReleases(Path keyDir) {
        this.keyDir = keyDir;
    }

    /** A fresh signing key pair ({@code key.pem}, {@code pub.pem}) made by openssl in {@code keyDir}. */
    public static RealReleases withNewKey(Path keyDir) throws IOException, InterruptedException {
        Files.createDirectories(keyDir);
        run(keyDir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        run(keyDir, "openssl", "ec", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        return new RealReleases(keyDir);
    }

    /** The public key (PEM) to pin. */
    public Path publicKey() {
        return keyDir.resolve("pub.pem");
    }

    /** The private key (PEM). */
    public Path privateKey() {
        return keyDir.resolve("key.pem");
    }

    /** Builds and signs the archive of {@code version} for {@code platform} ({@code linux}, {@code osx}, {@code win}) in {@code outDir}. */
    public Path release(Path outDir, String version, String platform) throws IOException, InterruptedException {
        Path archive = unsigned(outDir, version, platform, tree -> {
        });
        sign(archive);
        return archive;
    }

    /** Changes a test makes to the tree before it is packed. */
    @FunctionalInterface
    public interface TreeChange {
        void apply(Path top) throws IOException, InterruptedException;
    }

    /** Builds the archive with {@code change} applied to the tree, unsigned. */
    public Path unsigned(Path outDir, String version, String platform, TreeChange change)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(outDir.getParent() == null ? outDir : outDir.getParent(), "tree-");
        String topName = "istio-" + version;
        Path top = work.resolve(topName);
        String istioctl = "win".equals(platform) ? "istioctl.exe" : "istioctl";
        Path binary = write(top.resolve("bin").resolve(istioctl), "#!/bin/sh\necho \"istioctl " + version + " " + platform + "\"\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(top.resolve("manifest.yaml"), "version: " + version + "\n");
        for (String profile : PROFILES) {
            write(top.resolve("manifests/profiles/" + profile + ".yaml"),
                    "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: " + profile + "\n");
        }
        write(top.resolve("samples/bookinfo/platform/kube/bookinfo.yaml"), "kind: Service\n");
        write(top.resolve("samples/sleep/sleep.yaml"), "kind: Deployment\n");
        change.apply(top);
        Files.createDirectories(outDir);
        String name = topName + "-" + platform + ("win".equals(platform) ? ".zip" : ".tar.gz");
        Path archive = outDir.resolve(name).toAbsolutePath();
        Files.deleteIfExists(archive);
        if ("win".equals(platform)) {
            run(work, "zip", "-q", "-r", "-y", archive.toString(), topName);
        } else {
            run(work, "tar", "-czf", archive.toString(), topName);
        }
        return archive;
    }

    /** Signs {@code file} as the release bucket does: {@code <file>.1.sig}, DER ECDSA over SHA-256. */
    public Path sign(Path file) throws IOException, InterruptedException {
        Path signature = file.resolveSibling(file.getFileName() + ".1.sig");
        run(keyDir, "openssl", "dgst", "-sha256", "-sign", privateKey().toString(), "-out", signature.toString(),
                file.toString());
        return signature;
    }

    /** Whether the real {@code openssl dgst -sha256 -verify} accepts {@code file} with its {@code .1.sig} and {@code publicKey}. */
    public static boolean opensslVerifies(Path file, Path publicKey) throws IOException, InterruptedException {
        Path signature = file.resolveSibling(file.getFileName() + ".1.sig");
        Process process = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signature.toString(), file.toString()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish");
        }
        return process.exitValue() == 0 && output.contains("Verified OK");
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Runs a real command in {@code dir}; it must exit 0 within a minute. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(List.of(command) + " did not finish within a minute");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(new ArrayList<>(List.of(command)) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
