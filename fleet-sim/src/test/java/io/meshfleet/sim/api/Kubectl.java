package io.meshfleet.sim.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a kubeconfig, with a timeout, capturing its output. */
final class Kubectl {

    /** Where CI installs kubectl (google-cloud-cli's dispatcher). */
    static final Path BINARY = Path.of("/usr/bin/kubectl");

    /** What one run printed. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The output of a run that had to succeed. */
        String ok() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "): " + stderr + stdout);
            }
            return stdout;
        }
    }

    private final Path kubeconfig;
    private final Path cacheDir;

    Kubectl(Path kubeconfig, Path cacheDir) {
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Runs to completion (30 s at most). */
    Result run(String... args) {
        Process process = start(args);
        try {
            process.getOutputStream().close();
            Drain out = new Drain(process.getInputStream());
            Drain err = new Drain(process.getErrorStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " timed out; output so far: "
                        + out.text() + err.text());
            }
            out.join();
            err.join();
            return new Result(process.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts a long-running kubectl (e.g. {@code get -w}); close it to stop it. */
    Running background(String... args) {
        Process process = start(args);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Running(process, new Drain(process.getInputStream()), new Drain(process.getErrorStream()));
    }

    private Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("KUBECACHEDIR", cacheDir.toString());
        builder.environment().put("HOME", cacheDir.getParent().toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY, e);
        }
    }

    /** A kubectl process still running. */
    static final class Running implements AutoCloseable {

        private final Process process;
        private final Drain out;
        private final Drain err;

        Running(Process process, Drain out, Drain err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Everything printed to stdout so far. */
        String stdout() {
            return out.text();
        }

        /** Everything printed to stderr so far. */
        String stderr() {
            return err.text();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads a stream on its own thread into a buffer. */
    private static final class Drain {

        private final StringBuffer text = new StringBuffer();
        private final Thread thread;

        Drain(java.io.InputStream stream) {
            thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        text.append(line).append('\n');
                    }
                } catch (IOException e) {
                    text.append("[stream closed: ").append(e.getMessage()).append("]\n");
                }
            }, "kubectl-output");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            return text.toString();
        }

        void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
