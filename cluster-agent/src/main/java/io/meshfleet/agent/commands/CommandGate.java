package io.meshfleet.agent.commands;

import io.meshfleet.agent.AgentConfig;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.signing.CommandVerifier;
import io.meshfleet.events.signing.TrustedKeys;
import io.meshfleet.events.signing.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides which commands this agent process executes: only those for a cluster it serves, signed
 * by a pinned key, unexpired and not seen before (one {@link CommandVerifier} per served cluster).
 */
@ApplicationScoped
public class CommandGate {

    private final Map<String, CommandVerifier> verifiers;

    CommandGate(AgentConfig config, Clock clock) {
        TrustedKeys keys = loadTrustedKeys(config.trustedKeysDir());
        this.verifiers = config.clusters().stream().distinct().collect(Collectors.toUnmodifiableMap(Function.identity(),
                cluster -> new CommandVerifier(keys, clock, config.maxCommandTtl(), cluster)));
    }

    /**
     * The served cluster a command concerns, if any: named by its data or by its signed address.
     * Commands for clusters served by other agents share partitions with ours and are simply not
     * ours; a command that names one of our clusters anywhere is judged, and refused if anything
     * about it is wrong.
     */
    public Optional<String> concerns(Envelope envelope) {
        return Stream.of(envelope.data() instanceof AgentCommand command ? command.clusterId() : null,
                        envelope.clusterId(), envelope.subject())
                .filter(verifiers::containsKey)
                .findFirst();
    }

    /** The verdict on a command that {@link #concerns concerns} {@code clusterId}. */
    public Verdict verify(String clusterId, Envelope envelope) {
        CommandVerifier verifier = verifiers.get(clusterId);
        if (verifier == null) {
            throw new IllegalArgumentException("this agent does not serve cluster " + clusterId);
        }
        return verifier.verify(envelope);
    }

    private static TrustedKeys loadTrustedKeys(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("meshfleet.agent.trusted-keys-dir " + dir + " is not a directory: "
                    + "create it and copy the orchestrator's and sidecar-roller's public keys (*.pem) into it");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pems = files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList();
            if (pems.isEmpty()) {
                throw new IllegalStateException("no *.pem public keys in " + dir + ": without a pinned key the agent "
                        + "would refuse every command; copy the orchestrator's and sidecar-roller's public keys there");
            }
            return TrustedKeys.load(pems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trusted keys from " + dir, e);
        }
    }
}
