package io.meshfleet.fleetctl.release;

import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.release.verify.ReleaseKeys;
import io.meshfleet.release.verify.ReleaseVerdict;
import io.meshfleet.release.verify.ReleaseVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl release verify}: the seed's {@code openssl dgst -sha256 -verify key.pem -signature f.sig f},
 * offline, with the same verdicts and output.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Verify a release archive against its detached signature, offline.",
            "",
            "A drop-in for the seed procedure's `openssl dgst -sha256 -verify KEY -signature SIG FILE`: the same"
                    + " verdict on every input (strict DER ECDSA P-256 over SHA-256), printed the same way."
        },
        footer = {
            "",
            "Exit codes: 0 Verified OK, 1 Verification failure, 2 a file or key could not be read.",
            "The reason of a failure, or the archive's digest and key, go to stderr. Where openssl 3 prints only",
            "\"Error verifying data\" (a signature that is not DER), this prints Verification failure and why.",
            "",
            "Examples:",
            "  # against Google's ASM release key, pinned in meshfleet (the seed's key):",
            "  fleetctl release verify istio-1.5.10-asm.2-linux.tar.gz --signature istio-1.5.10-asm.2-linux.tar.gz.1.sig",
            "  # against your own key(s); --key is repeatable for rotation:",
            "  fleetctl release verify release.tar.gz --signature release.tar.gz.1.sig --key site-release.pem"
        })
public final class VerifyReleaseCommand implements Callable<Integer> {

    /** Printed when the signature verifies, as openssl prints it. */
    public static final String VERIFIED_OK = "Verified OK";
    /** Printed when it does not, as openssl prints it. */
    public static final String VERIFICATION_FAILURE = "Verification failure";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The release archive.")
    private Path file;

    @Option(names = {"--signature", "-signature"}, required = true, paramLabel = "SIG",
            description = "The detached signature, usually FILE.1.sig.")
    private Path signature;

    @Option(names = {"--key", "-verify"}, paramLabel = "PEM",
            description = "A PEM file with the public key(s) to trust; repeatable. Default: Google's ASM release key.")
    private List<Path> keys = new ArrayList<>();

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ReleaseKeys trusted;
        try {
            trusted = keys.isEmpty() ? ReleaseKeys.googleAsm() : ReleaseKeys.load(keys.toArray(Path[]::new));
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot load the key(s) " + keys + ": " + e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            err.println("no such file: " + file);
            return 2;
        }
        byte[] sig;
        try {
            sig = Files.readAllBytes(signature);
        } catch (IOException e) {
            err.println("cannot read the signature " + signature + ": " + e.getMessage());
            return 2;
        }
        ReleaseVerdict verdict;
        try {
            verdict = new ReleaseVerifier(trusted).verify(file, sig);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (verdict.verified()) {
            out.println(VERIFIED_OK);
            err.println("sha256 " + verdict.sha256Hex() + ", " + verdict.size() + " bytes, key " + verdict.keyId());
            return 0;
        }
        out.println(VERIFICATION_FAILURE);
        err.println(verdict.detail());
        return 1;
    }
}
