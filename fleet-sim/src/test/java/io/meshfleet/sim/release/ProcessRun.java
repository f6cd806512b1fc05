package io.meshfleet.sim.release;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real command line (openssl, tar, unzip, the release's istioctl) and captures what it printed. */
record ProcessRun(int exitCode, String stdout, String stderr) {

    static ProcessRun run(List<String> command, Path workingDirectory) throws IOException, InterruptedException {
        return run(command, workingDirectory, Map.of(), null);
    }

    static ProcessRun run(List<String> command, Path workingDirectory, Map<String, String> environment, String stdin)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("meshfleet-run-", ".out");
        Path err = Files.createTempFile("meshfleet-run-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no answer within 120s from " + command);
        }
        ProcessRun run = new ProcessRun(process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /** The absolute path of {@code tool} on this machine's PATH, or null. */
    static Path onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
