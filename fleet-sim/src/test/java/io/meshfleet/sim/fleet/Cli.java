package io.meshfleet.sim.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command-line tools (kubectl at /usr/bin/kubectl, a release's istioctl, tar) against a simulated fleet,
 * with KUBECONFIG pointing at the fleet's kubeconfig and a private discovery cache.
 *
 * @param kubeconfig the KUBECONFIG to use
 * @param cacheDir   kubectl's discovery cache (KUBECACHEDIR), private to the test
 */
record Cli(Path kubeconfig, Path cacheDir) {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    static final String KUBECTL = "/usr/bin/kubectl";

    /** {@code kubectl --context <cluster> ARGS...}. */
    Result kubectl(String cluster, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KUBECTL, "--context", cluster));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /** Any command, in the fleet's environment plus {@code extra}. */
    Result run(List<String> command, Map<String, String> extra) throws IOException, InterruptedException {
        Path out = Files.createTempFile("fleet-sim-cli-", ".out");
        Path err = Files.createTempFile("fleet-sim-cli-", ".err");
        try {
            Process process = builder(command, extra).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("no answer within 120s from " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a long-running command (such as {@code kubectl get pods -w}) writing its stdout to {@code output}. */
    Process start(List<String> command, Path output) throws IOException {
        return builder(command, Map.of()).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    private ProcessBuilder builder(List<String> command, Map<String, String> extra) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("KUBECACHEDIR", cacheDir.toString());
        builder.environment().putAll(extra);
        return builder;
    }
}
