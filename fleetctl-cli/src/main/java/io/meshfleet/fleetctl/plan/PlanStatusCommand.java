package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.EnumConverter;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import io.meshfleet.fleetctl.api.RestClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code fleetctl plan status}: one plan's waves and clusters with progress bars and ETAs, once or until it ends. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Show a plan's waves and clusters with progress bars and ETAs; --watch follows it until it ends.",
            "The ETAs use the seed's figures: control plane ~7.5 min, sidecars at the plan's pods/min, soaks;",
            "approvals are not counted.",
            "With --watch, poll until the plan ends: on a terminal the picture is redrawn in place (for more than 30",
            "clusters, only those being changed or failed get a line); otherwise (a pipe, a log) one plain line per",
            "change is printed."
        },
        footer = {
            "",
            "The watch ends when the plan SUCCEEDED, was ABORTED, or HALTED (a wave had more failures than it",
            "tolerates: a person must retry, resume or abort). A DRAFT or PAUSED plan is watched until it goes on.",
            "A poll that fails because the orchestrator is unreachable or answers 5xx (e.g. it restarts) is retried;",
            "the watch gives up after 5 such polls in a row.",
            "",
            "Exit codes: without --watch: 0 shown. With --watch: 0 the plan SUCCEEDED, 1 it HALTED or was ABORTED.",
            "            Both: 1 the orchestrator refused (e.g. no such plan), 2 unreachable or a bad option.",
            "",
            "Examples:",
            "  fleetctl plan status plan-1a2b3c4d",
            "  fleetctl plan status plan-1a2b3c4d --watch",
            "  fleetctl plan status plan-1a2b3c4d --watch --interval 10s > rollout.log && echo done"
        })
public final class PlanStatusCommand implements Callable<Integer> {

    /** How the plan is printed. */
    enum Format { TEXT, JSON }

    static final class FormatConverter extends EnumConverter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    /** Clears the previous picture on a terminal: cursor up {@code n} lines, then erase to the end of the screen. */
    static String redraw(int lines) {
        return lines == 0 ? "" : "\u001b[" + lines + "A\u001b[J";
    }

    /** Polls in a row that may fail (orchestrator unreachable or answering 5xx, e.g. restarting) before the watch gives up. */
    static final int MAX_FAILED_POLLS = 5;

    /** Above this many clusters the live picture shows only clusters being changed or failed. */
    static final int COMPACT_ABOVE = 30;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan's id, e.g. plan-1a2b3c4d (fleetctl plan list).")
    private String planId;

    @Option(names = {"-w", "--watch"}, description = "Poll until the plan ends; the exit code tells how it ended.")
    private boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = IntervalConverter.class,
            description = "Time between two polls with --watch: 500ms, 2s, 1m or ISO-8601 (PT2S); at least 100ms."
                    + " Default: ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "text, or json (the orchestrator's PlanView; with --watch one JSON line per poll)."
                    + " Default: ${DEFAULT-VALUE}.")
    private Format output;

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fleetctl root = (Fleetctl) spec.root().userObject();
        boolean live = root.terminal() && output == Format.TEXT;
        try {
            Orchestrator orchestrator = options.connect(spec);
            JsonNode plan = Plans.get(orchestrator, planId);
            Map<String, Integer> pods = output == Format.TEXT ? Plans.workloadPods(orchestrator) : Map.of();
            if (!watch) {
                print(out, plan, pods, root);
                return 0;
            }
            JsonNode previous = null;
            int drawn = 0;
            while (true) {
                if (output == Format.JSON) {
                    out.println(RestClient.json().writeValueAsString(plan));
                } else if (live) {
                    List<String> frame = PlanProgress.lines(plan, pods, root.clock().instant(),
                            plan.path("clusters").size() > COMPACT_ABOVE);
                    out.print(redraw(drawn));
                    frame.forEach(out::println);
                    drawn = frame.size();
                } else {
                    PlanProgress.changes(previous, plan, pods, root.clock().instant()).forEach(out::println);
                }
                out.flush();
                String state = plan.path("state").asText();
                if (List.of("SUCCEEDED", "ABORTED", "HALTED").contains(state)) {
                    if (output == Format.TEXT) {
                        out.println(ending(state));
                    }
                    return "SUCCEEDED".equals(state) ? 0 : 1;
                }
                JsonNode next = null;
                for (int failed = 1; next == null; failed++) {
                    root.pause().pause(interval);
                    try {
                        next = Plans.get(orchestrator, planId);
                    } catch (ApiException e) {
                        if (!retryable(e)) {
                            throw e;
                        }
                        if (failed >= MAX_FAILED_POLLS) {
                            throw new ApiException(e.exitCode(), e.status(), "gave up watching plan " + planId
                                    + " after " + failed + " failed polls in a row: " + e.getMessage());
                        }
                        out.flush();
                        err.println("poll " + failed + " of " + MAX_FAILED_POLLS + " failed, trying again in "
                                + interval.toMillis() + " ms: " + e.getMessage());
                        err.flush();
                        drawn = 0; // the message sits below the picture: draw the next one after it
                    }
                }
                previous = plan;
                plan = next;
            }
        } catch (ApiException e) {
            out.flush();
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    /** Whether a failed poll may succeed if tried again: no answer, or a server error. */
    private static boolean retryable(ApiException e) {
        return e.exitCode() == ApiException.EXIT_UNREACHABLE || e.status() >= 500;
    }

    private void print(PrintWriter out, JsonNode plan, Map<String, Integer> pods, Fleetctl root)
            throws JsonProcessingException {
        if (output == Format.JSON) {
            out.println(RestClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(plan));
        } else {
            PlanProgress.lines(plan, pods, root.clock().instant()).forEach(out::println);
        }
    }

    private String ending(String state) {
        return switch (state) {
            case "SUCCEEDED" -> "plan " + planId + " SUCCEEDED: every wave is done";
            case "HALTED" -> "plan " + planId + " HALTED: a wave had more failures than it tolerates; see the failed"
                    + " clusters above, then: fleetctl plan retry " + planId + " --cluster C --reason ..., or"
                    + " fleetctl plan abort " + planId + " --reason ...";
            default -> "plan " + planId + " ABORTED";
        };
    }

    /** {@code --interval}: {@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601; at least 100 ms. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m)");

        @Override
        public Duration convert(String value) {
            String text = value.strip();
            Duration duration;
            Matcher m = SHORT.matcher(text);
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    duration = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        default -> Duration.ofMinutes(n);
                    };
                } else {
                    duration = Duration.parse(text);
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("expected a duration such as 500ms, 2s, 1m or PT2S but was '" + value + "'");
            }
            if (duration.compareTo(Duration.ofMillis(100)) < 0) {
                throw new TypeConversionException("must be at least 100ms but was '" + value + "'");
            }
            return duration;
        }
    }
}
