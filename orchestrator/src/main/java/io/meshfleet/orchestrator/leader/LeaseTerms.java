package io.meshfleet.orchestrator.leader;

import java.time.Duration;
import java.util.Objects;

/**
 * The terms of the orchestrator's leader election: which {@code coordination.k8s.io/v1} Lease, who this instance
 * is, and the timing. A leader renews every {@code retryPeriod} and gives up leading when it could not renew for
 * {@code renewDeadline}; a standby takes the Lease once it has not been renewed for {@code leaseDuration}. Giving
 * up before the Lease can expire ({@code renewDeadline < leaseDuration}) is what keeps two instances from acting at
 * once, as long as the clocks of the two pods run at the same rate.
 *
 * @param namespace     the Lease's namespace (the orchestrator's own)
 * @param name          the Lease's name
 * @param identity      this instance's holder identity (its pod name)
 * @param leaseDuration how long a Lease that is not renewed keeps standbys away
 * @param renewDeadline how long the leader keeps leading while renewals fail
 * @param retryPeriod   how often the leader renews and a standby tries to acquire
 */
public record LeaseTerms(String namespace, String name, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {

    public LeaseTerms {
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        require(namespace, "namespace", "MESHFLEET_LEADER_ELECTION_NAMESPACE (or POD_NAMESPACE from the downward API)");
        require(name, "lease name", "MESHFLEET_LEADER_ELECTION_LEASE_NAME");
        require(identity, "identity", "POD_NAME from the downward API");
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("leader election: retry period must be positive, is " + retryPeriod);
        }
        if (renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException("leader election: renew deadline (" + renewDeadline
                    + ") must be longer than the retry period (" + retryPeriod + "), or one failed renewal ends leading");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leader election: lease duration (" + leaseDuration
                    + ") must be longer than the renew deadline (" + renewDeadline
                    + "), or a standby may take the Lease while the leader still acts");
        }
    }

    private static void require(String value, String what, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("leader election is enabled but its " + what + " is not set: set "
                    + setting);
        }
    }

    /** {@code namespace/name}, for messages. */
    public String lease() {
        return namespace + "/" + name;
    }
}
