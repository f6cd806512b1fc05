package io.meshfleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl (/usr/bin/kubectl, or $KUBECTL) and keeps what it printed. */
final class Kubectl {

    /** What one run printed and how it ended. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static final String BINARY = System.getenv().getOrDefault("KUBECTL", "/usr/bin/kubectl");

    private final Path kubeconfig;
    private final Path cacheDir;

    /** A kubectl without a cluster (kustomize). */
    Kubectl() {
        this(null, null);
    }

    Kubectl(Path kubeconfig, Path cacheDir) {
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY);
        if (cacheDir != null) {
            command.add("--cache-dir=" + cacheDir);
        }
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().remove("KUBECONFIG");
                if (kubeconfig != null) {
                    builder.environment().put("KUBECONFIG", kubeconfig.toString());
                }
                Process process = builder.start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl did not finish in 120 s: " + command);
                }
                return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kubectl kustomize <dir>}; fails the caller with kubectl's message when it cannot render. */
    String kustomize(Path dir) {
        Result result = run("kustomize", dir.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + result);
        }
        return result.stdout();
    }
}
