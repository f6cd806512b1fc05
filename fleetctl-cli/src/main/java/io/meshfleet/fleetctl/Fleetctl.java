package io.meshfleet.fleetctl;

import io.meshfleet.fleetctl.api.Pause;
import io.meshfleet.fleetctl.audit.AuditCommand;
import io.meshfleet.fleetctl.clusters.ClustersCommand;
import io.meshfleet.fleetctl.deadletters.DeadLettersCommand;
import io.meshfleet.fleetctl.demo.DemoCommand;
import io.meshfleet.fleetctl.plan.PlanCommand;
import io.meshfleet.fleetctl.release.ReleaseCommand;
import io.meshfleet.fleetctl.token.TokenCommand;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fleetctl} top command: the meshfleet command line. */
@Command(
        name = "fleetctl",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = "The meshfleet command line.",
        subcommands = {DemoCommand.class, ClustersCommand.class, PlanCommand.class, AuditCommand.class, ReleaseCommand.class,
            TokenCommand.class, DeadLettersCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Examples:",
            "  fleetctl release verify istio-1.5.10-asm.2-linux.tar.gz --signature istio-1.5.10-asm.2-linux.tar.gz.1.sig",
            "  fleetctl plan create -f plan.yaml --dry-run",
            "  fleetctl plan status plan-1a2b3c4d --watch",
            "  fleetctl dead-letters list --bootstrap-servers 127.0.0.1:9092 --since 2h"
        })
public final class Fleetctl {

    /** The environment variable that gives the default of {@code --bootstrap-servers}. */
    public static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    /** The bootstrap servers used when neither the option nor the environment variable gives them. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private final Clock clock;
    private final Map<String, String> environment;
    private final boolean terminal;
    private final Pause pause;

    /** The real command line: the system UTC clock and the process environment. */
    public Fleetctl() {
        this(Clock.systemUTC(), System.getenv());
    }

    /** A command line with the given clock (for {@code --since} durations) and environment variables. */
    public Fleetctl(Clock clock, Map<String, String> environment) {
        this(clock, environment, stdoutIsTerminal(environment), Pause.SLEEP);
    }

    /**
     * Whether this process talks to a terminal that understands cursor movement: a console is attached (on Java 22+
     * also {@code Console.isTerminal()}) and {@code TERM} is not {@code dumb}.
     */
    static boolean stdoutIsTerminal(Map<String, String> environment) {
        java.io.Console console = System.console();
        if (console == null || "dumb".equals(environment.get("TERM"))) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true; // before Java 22 System.console() is null unless stdin and stdout are a terminal
        }
    }

    /**
     * A command line with the given clock, environment variables, whether stdout is a terminal (live progress
     * bars) or not (plain lines), and how commands wait between polls.
     */
    public Fleetctl(Clock clock, Map<String, String> environment, boolean terminal, Pause pause) {
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment is required"));
        this.terminal = terminal;
        this.pause = Objects.requireNonNull(pause, "pause is required");
    }

    /** The clock every command reads the current time from. */
    public Clock clock() {
        return clock;
    }

    /** Whether stdout is a terminal: live progress bars redrawn in place, else plain lines. */
    public boolean terminal() {
        return terminal;
    }

    /** How commands wait between two polls of a service. */
    public Pause pause() {
        return pause;
    }

    /** The environment variables commands read their defaults from. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The bootstrap servers to use when a command was given none: the environment's, else the default. */
    public String defaultBootstrapServers() {
        String fromEnvironment = environment.get(BOOTSTRAP_SERVERS_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank()
                ? DEFAULT_BOOTSTRAP_SERVERS
                : fromEnvironment.strip();
    }

    /** Runs {@code fleetctl} with the process's arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Fleetctl()).execute(args));
    }
}
