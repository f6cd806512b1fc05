package io.meshfleet.agent.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the verified release's own {@code bin/istioctl install -y --set profile=<profile> -f <overlay>} against the
 * cluster (its kubeconfig and context), as the seed procedure does by hand. The combined output is captured (the
 * last {@value #MAX_OUTPUT} characters) for the audit trail; the process is killed at the install's deadline.
 * Exit codes map to reasons: 1 {@code ISTIOCTL_FAILED}, 2 {@code ISTIOCTL_USAGE}, 3 {@code TIMEOUT} (readiness),
 * 4 {@code CONTROL_PLANE_ERROR}.
 */
public final class IstioctlInstaller implements ControlPlaneInstaller {

    static final int MAX_OUTPUT = 32 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Path workDir;

    public IstioctlInstaller(Clock clock, Path workDir) {
        this.clock = clock;
        this.workDir = workDir;
    }

    @Override
    public InstallerOutcome install(InstallTarget target) throws InterruptedException {
        Path dir = null;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "istioctl-");
            // The overlay file as people write it: YAML with the header lines unquoted (JSON bodies are YAML too).
            Path overlay = dir.resolve("overlay.yaml");
            Files.writeString(overlay, "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec: "
                    + JSON.writeValueAsString(target.overlay()) + "\n");
            long seconds = Math.max(1, Duration.between(clock.instant(), target.deadline()).toSeconds());
            List<String> command = new ArrayList<>(List.of(target.release().istioctl().toString(), "install", "-y",
                    "--set", "profile=" + target.profile(), "-f", overlay.toString(),
                    "--readiness-timeout", seconds + "s"));
            target.cluster().kubeconfig().ifPresent(k -> command.addAll(List.of("--kubeconfig", k.toString())));
            target.cluster().context().ifPresent(c -> command.addAll(List.of("--context", c)));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> drain(process.getInputStream(), output), "istioctl-output");
            reader.setDaemon(true);
            reader.start();
            boolean exited = process.waitFor(seconds + 5, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
            String captured;
            synchronized (output) {
                captured = output.toString();
            }
            String commandLine = String.join(" ", command);
            if (!exited) {
                return InstallerOutcome.failed("TIMEOUT", "istioctl did not finish by the deadline and was killed",
                        "$ " + commandLine + "\n" + captured);
            }
            int code = process.exitValue();
            String text = "$ " + commandLine + "\n" + captured + "[exit " + code + "]\n";
            return switch (code) {
                case 0 -> InstallerOutcome.ok("istioctl installed " + target.version(), text);
                case 2 -> InstallerOutcome.failed("ISTIOCTL_USAGE", "istioctl refused its arguments (exit 2)", text);
                case 3 -> InstallerOutcome.failed("TIMEOUT", "istioctl timed out waiting for the control plane to be "
                        + "ready (exit 3)", text);
                case 4 -> InstallerOutcome.failed("CONTROL_PLANE_ERROR", "the control plane reported ERROR (exit 4)", text);
                default -> InstallerOutcome.failed("ISTIOCTL_FAILED", "istioctl failed (exit " + code + ")", text);
            };
        } catch (IOException e) {
            return InstallerOutcome.failed("ISTIOCTL_FAILED", "cannot run istioctl: " + e, "");
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    private static void drain(InputStream in, StringBuilder output) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (output) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (output.length() > MAX_OUTPUT) {
                        output.delete(0, output.length() - MAX_OUTPUT);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir under the agent's work dir
        }
    }
}
