package io.meshfleet.events.signing;

import io.meshfleet.events.RefusalReason;

/**
 * What {@link CommandVerifier} decided about one command envelope.
 *
 * @param accepted whether the agent may execute the command
 * @param reason   why it was refused; null when accepted
 * @param detail   details for a person (goes into {@link io.meshfleet.events.CommandRefused}); empty when accepted
 */
public record Verdict(boolean accepted, RefusalReason reason, String detail) {

    private static final Verdict ACCEPTED = new Verdict(true, null, "");

    public Verdict {
        if (accepted != (reason == null)) {
            throw new IllegalArgumentException("a verdict has a reason exactly when it refuses");
        }
        detail = detail == null ? "" : detail;
    }

    /** The command may be executed. */
    public static Verdict accept() {
        return ACCEPTED;
    }

    /** The command must not be executed, because of {@code reason}. */
    public static Verdict refuse(RefusalReason reason, String detail) {
        return new Verdict(false, reason, detail);
    }
}
