package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Topics;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.VersionProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fleetctl dead-letters list}: reads the dead-letter topics from the beginning and prints what matches. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "List dead letters, oldest first.",
            "",
            "Reads the <topic>.dlq topics from their beginning up to the end they had at the start, without a"
                    + " consumer group: nothing is committed. Topics that do not exist are skipped."
        },
        footer = {
            "",
            "Exit codes: 0 listed (or \"no dead letters\"), 1 Kafka refused a request,",
            "            2 bad option or Kafka unreachable.",
            "",
            "Examples:",
            "  fleetctl dead-letters list --topic fleet.agent.commands --since 2h",
            "  fleetctl dead-letters list --reason INVALID_FIELDS --service cluster-agent",
            "  fleetctl dead-letters list --since 2026-11-27T00:00:00Z -o json | jq .detail"
        })
public final class ListDeadLettersCommand implements Callable<Integer> {

    /** The exit code of a run that could not reach Kafka (the same as a usage error: fix the invocation). */
    public static final int EXIT_UNREACHABLE = 2;
    /** The exit code of a run that Kafka answered with an error. */
    public static final int EXIT_KAFKA_ERROR = 1;
    /** What is printed when nothing matched. */
    public static final String NO_DEAD_LETTERS = "no dead letters";

    @ParentCommand
    private DeadLettersCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "SERVERS",
            description = "Kafka to read from, host:port[,host:port...]. Default: $KAFKA_BOOTSTRAP_SERVERS when"
                    + " set, else localhost:9092.")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "A meshfleet topic whose dead letters to list (those on TOPIC.dlq), e.g."
                    + " fleet.agent.commands; repeatable. Default: the .dlq topics of all seven meshfleet topics.")
    private List<String> topics = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "REASON", converter = ReasonConverter.class,
            description = "Only this reason, one of: ${COMPLETION-CANDIDATES}.")
    private DeadLetter.Reason reason;

    @Option(names = "--service", paramLabel = "SERVICE",
            description = "Only dead letters from this service (its quarkus.application.name), e.g. cluster-agent.")
    private String service;

    @Option(names = "--since", paramLabel = "WHEN", converter = Since.Converter.class,
            description = "Only dead letters since an ISO-8601 instant (2026-11-27T01:00:00Z) or for a duration"
                    + " back from now (30m, 2h, 1d12h, PT2H).")
    private Since since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Show at most N dead letters, the latest ones. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Candidates.class,
            description = "table (default): TIME, SERVICE, SOURCE, REASON, KEY, DETAIL (cut to "
                    + DeadLetterTable.DETAIL_WIDTH + " characters). json: JSON Lines, one object per dead letter"
                    + " with every header, the key, the value (UTF-8 text, else base64: see valueEncoding) and"
                    + " valueBytes.")
    private OutputFormat output;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 but was " + limit);
        }
        for (String topic : topics) {
            if (topic.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--topic must not be blank");
            }
        }
        Fleetctl fleetctl = parent.fleetctl();
        String servers = bootstrapServers != null && !bootstrapServers.isBlank()
                ? bootstrapServers.strip()
                : fleetctl.defaultBootstrapServers();
        DeadLetterFilter filter = new DeadLetterFilter(Optional.ofNullable(reason), Optional.ofNullable(service),
                Optional.ofNullable(since).map(s -> s.resolve(fleetctl.clock())));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        LatestDeadLetters latest = new LatestDeadLetters(limit);
        try {
            new DeadLetterReader(servers).read(deadLetterTopics(), record -> {
                if (filter.test(record)) {
                    latest.add(record);
                }
            });
        } catch (KafkaUnavailableException e) {
            err.println(e.getMessage());
            err.flush();
            return EXIT_UNREACHABLE;
        } catch (KafkaException e) {
            err.println("Kafka at " + servers + " refused to list dead letters: " + e.getMessage());
            err.flush();
            return EXIT_KAFKA_ERROR;
        }

        List<DeadLetterRecord> shown = latest.chronological();
        if (shown.isEmpty()) {
            // JSON Lines on stdout stay parseable: the note goes to stderr there.
            (output == OutputFormat.JSON ? err : out).println(NO_DEAD_LETTERS);
        } else if (output == OutputFormat.JSON) {
            shown.forEach(record -> out.println(DeadLetterJson.format(record)));
        } else {
            DeadLetterTable.format(shown).forEach(out::println);
        }
        if (latest.offered() > shown.size()) {
            err.println("showing the latest " + shown.size() + " of " + latest.offered()
                    + " matching dead letters: raise --limit to see more");
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** The dead-letter topics to read: those of {@code --topic} (a {@code .dlq} name is taken as is), else all. */
    List<String> deadLetterTopics() {
        List<String> sources = topics.isEmpty() ? Topics.ALL : topics;
        return sources.stream()
                .map(String::strip)
                .map(t -> t.endsWith(".dlq") ? t : Topics.deadLetter(t))
                .distinct()
                .toList();
    }
}
