package io.meshfleet.events;

/**
 * The outcome of one preflight check.
 *
 * @param check   a stable check name, e.g. {@code cluster-kind}, {@code rbac}, {@code feature:cni}
 * @param status  the outcome
 * @param message what was found, for a person
 */
public record PreflightItem(String check, PreflightStatus status, String message) {

    public PreflightItem {
        Require.nonBlank(check, "check");
        Require.nonNull(status, "status");
        Require.nonNull(message, "message");
    }
}
