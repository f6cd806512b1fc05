package io.meshfleet.fleetctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of {@code fleetctl}: its exit code and what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code fleetctl args} in this JVM, capturing stdout and stderr. */
    public static CommandRun of(Fleetctl fleetctl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(fleetctl);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** The stdout lines, without blank ones. */
    public java.util.List<String> outLines() {
        return out.lines().filter(line -> !line.isBlank()).toList();
    }
}
