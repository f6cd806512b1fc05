package io.meshfleet.fleetctl.token;

import io.meshfleet.fleetctl.VersionProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl token}: local signing keys and bearer tokens for a laptop or the demo. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = {
            "Local bearer tokens for the orchestrator's API, for a laptop or the demo (production sites use their",
            "identity provider). `keys` writes an RSA key pair: give jwt-public.pem to the orchestrator",
            "(MESHFLEET_JWT_PUBLIC_KEY); `mint` signs a token with jwt-private.pem."
        },
        subcommands = {TokenCommand.Keys.class, TokenCommand.Mint.class},
        footer = {
            "",
            "Examples:",
            "  fleetctl token keys --dir ~/.config/meshfleet",
            "  export MESHFLEET_TOKEN=$(fleetctl token mint --key ~/.config/meshfleet/jwt-private.pem --subject alice \\",
            "      --role viewer --role operator)"
        })
public final class TokenCommand {

    /** The roles the orchestrator knows. */
    static final Set<String> ROLES = Set.of("viewer", "operator", "approver");

    /** {@code fleetctl token keys}. */
    @Command(name = "keys", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = "Write a new RSA key pair: DIR/jwt-private.pem (owner-only) and DIR/jwt-public.pem.",
            footer = {"", "Examples:", "  fleetctl token keys --dir ~/.config/meshfleet"})
    static final class Keys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write the key pair.")
        Path dir;

        @Override
        public Integer call() {
            try {
                LocalTokens.generateKeys(dir);
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot write the keys to " + dir + ": " + e.getMessage());
                return 2;
            }
            spec.commandLine().getOut().println("wrote " + dir.resolve("jwt-private.pem") + " and "
                    + dir.resolve("jwt-public.pem") + "; start the orchestrator with MESHFLEET_JWT_PUBLIC_KEY="
                    + dir.resolve("jwt-public.pem"));
            return 0;
        }
    }

    /** {@code fleetctl token mint}. */
    @Command(name = "mint", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = "Print a signed token for SUBJECT with the given roles.",
            footer = {"", "Exit codes: 0 printed, 2 bad key or role.", "", "Examples:",
                "  fleetctl token mint --key jwt-private.pem --subject alice --role operator --role approver --ttl PT8H"})
    static final class Mint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "PEM", description = "The private key (jwt-private.pem).")
        Path key;

        @Option(names = "--subject", required = true, paramLabel = "SUBJECT",
                description = "Who the token is for: the actor the audit trail records.")
        String subject;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer, operator or approver; repeatable.")
        List<String> roles;

        @Option(names = "--ttl", defaultValue = "PT8H", paramLabel = "DURATION", description = "Validity. Default: ${DEFAULT-VALUE}.")
        Duration ttl;

        @Option(names = "--issuer", defaultValue = LocalTokens.DEFAULT_ISSUER, paramLabel = "ISSUER",
                description = "Must equal the orchestrator's MESHFLEET_JWT_ISSUER. Default: ${DEFAULT-VALUE}.")
        String issuer;

        @Override
        public Integer call() {
            for (String role : roles) {
                if (!ROLES.contains(role)) {
                    spec.commandLine().getErr().println("unknown role '" + role + "': use viewer, operator or approver");
                    return 2;
                }
            }
            try {
                LocalTokens tokens = new LocalTokens(LocalTokens.readPrivateKey(key), issuer, Clock.systemUTC());
                spec.commandLine().getOut().println(tokens.mint(subject, roles, ttl));
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot read the key: " + e.getMessage());
                return 2;
            }
        }
    }
}
