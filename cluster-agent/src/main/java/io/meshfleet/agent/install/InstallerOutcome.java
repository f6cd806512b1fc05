package io.meshfleet.agent.install;

/**
 * What an installer reported.
 *
 * @param succeeded whether the installer says the control plane is installed
 * @param reason    machine-readable failure cause, null on success
 * @param detail    what happened, for a person
 * @param output    the installer's captured output, for the audit trail
 */
public record InstallerOutcome(boolean succeeded, String reason, String detail, String output) {

    static InstallerOutcome ok(String detail, String output) {
        return new InstallerOutcome(true, null, detail, output);
    }

    static InstallerOutcome failed(String reason, String detail, String output) {
        return new InstallerOutcome(false, reason, detail, output);
    }
}
