package io.meshfleet.roller.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The restart budgets of the whole fleet: one {@link RateWindow} per namespace, per cluster and one for
 * the fleet, shared by every roll. A decision pass asks {@link #check} before each restart and
 * {@link #spend}s what it restarts.
 *
 * <p>Fairness: when a cluster's (or the fleet's) budget cannot pay for the restart asked for, the budget
 * is <em>reserved</em> for that restart: another restart of that cluster (or the fleet) goes first only
 * when the reserved one can still go at the same instant it could have gone without it (backfilling:
 * spare tokens are used, the reserved restart is never delayed). Without the reservation, a stream of
 * one-pod workloads would take every token as it comes back and a big workload would wait forever. A reservation whose holder
 * stops asking (its roll paused, aborted or failed) lapses after one pass without asking. A namespace's
 * own budget is its own: another namespace never spends it. Pure and not thread-safe.
 *
 * <p>Limits at the cluster, not at the decision: a pacer made with a confirmation time ({@link #Pacer(int, Duration)})
 * holds every token it spends until the restart is reported executed ({@link #executed}), and it comes back 60 s
 * after that report, so a command that reaches its agent late (a cold start, an agent down for a while, a
 * backlog) never puts two minutes' restarts into one minute at the cluster. The report arrives after the
 * restart happened, so this needs no clock shared with the agents. A restart never reported counts until
 * the confirmation time has passed (the command's expiry) and 60 s more.
 */
public final class Pacer {

    private record Reservation(String holder, int pods, int limit, long askedInPass) {

        /** Whether {@code pods} more spent now leave this reservation's restart its instant in {@code window}. */
        boolean leavesRoomFor(RateWindow window, Instant now, int pods) {
            Instant due = window.earliest(now, this.pods, limit);
            return window.spentAt(due) + pods + this.pods <= limit;
        }
    }

    private final int fleetPodsPerMinute;
    private final Duration confirmWithin;
    private final RateWindow fleet = new RateWindow();
    private final Map<String, RateWindow> clusters = new HashMap<>();
    private final Map<String, RateWindow> namespaces = new HashMap<>();
    private final Map<String, Reservation> clusterReservations = new HashMap<>();
    private Reservation fleetReservation;
    private long pass;

    /** A pacer with a fleet-wide limit of {@code fleetPodsPerMinute}. */
    public Pacer(int fleetPodsPerMinute) {
        this(fleetPodsPerMinute, null);
    }

    /**
     * A pacer with a fleet-wide limit of {@code fleetPodsPerMinute} whose tokens come back 60 s after the restart
     * was reported {@link #executed}, or 60 s after {@code confirmWithin} from the decision if it never is.
     *
     * @param confirmWithin how long after the decision a restart can still happen (the commands' time to live);
     *                      null: a token comes back 60 s after the decision
     */
    public Pacer(int fleetPodsPerMinute, Duration confirmWithin) {
        if (fleetPodsPerMinute < 1) {
            throw new IllegalArgumentException("the fleet limit must be at least 1 pod per minute, was " + fleetPodsPerMinute);
        }
        if (confirmWithin != null && confirmWithin.isNegative()) {
            throw new IllegalArgumentException("the confirmation time must not be negative, was " + confirmWithin);
        }
        this.fleetPodsPerMinute = fleetPodsPerMinute;
        this.confirmWithin = confirmWithin;
    }

    /** The fleet-wide limit in pods per minute. */
    public int fleetPodsPerMinute() {
        return fleetPodsPerMinute;
    }

    /** Starts a decision pass: reservations not asked for in the previous pass lapse. */
    public void beginPass() {
        pass++;
        clusterReservations.values().removeIf(r -> r.askedInPass() < pass - 1);
        if (fleetReservation != null && fleetReservation.askedInPass() < pass - 1) {
            fleetReservation = null;
        }
    }

    /**
     * The limit that keeps {@code pods} of the workload {@code workload} (any stable name) of namespace
     * {@code namespace} in {@code clusterId} from being restarted at {@code now}, or empty when the
     * restart may go. A cluster or fleet refusal reserves that budget for this workload.
     */
    public Optional<Limit> check(String clusterId, String namespace, String workload, int pods, int namespaceLimit,
            int clusterLimit, Instant now) {
        if (!window(namespaces, namespaceKey(clusterId, namespace)).allows(now, pods, namespaceLimit)) {
            return Optional.of(Limit.NAMESPACE_RATE);
        }
        String holder = clusterId + '/' + namespace + '/' + workload;
        RateWindow clusterWindow = window(clusters, clusterId);
        Reservation cluster = clusterReservations.get(clusterId);
        if (cluster != null && cluster.holder().equals(holder)) {
            clusterReservations.put(clusterId, new Reservation(holder, cluster.pods(), cluster.limit(), pass));
        }
        if (fleetReservation != null && fleetReservation.holder().equals(holder)) {
            fleetReservation = new Reservation(holder, fleetReservation.pods(), fleetReservation.limit(), pass);
        }
        if (!clusterWindow.allows(now, pods, clusterLimit)) {
            if (cluster == null || cluster.holder().equals(holder)) {
                clusterReservations.put(clusterId, new Reservation(holder, pods, clusterLimit, pass));
            }
            return refusedByCluster(holder);
        }
        if (cluster != null && !cluster.holder().equals(holder) && !cluster.leavesRoomFor(clusterWindow, now, pods)) {
            return refusedByCluster(holder);
        }
        if (!fleet.allows(now, pods, fleetPodsPerMinute)) {
            if (fleetReservation == null || fleetReservation.holder().equals(holder)) {
                fleetReservation = new Reservation(holder, pods, fleetPodsPerMinute, pass);
            }
            return Optional.of(Limit.FLEET_RATE);
        }
        if (fleetReservation != null && !fleetReservation.holder().equals(holder)
                && !fleetReservation.leavesRoomFor(fleet, now, pods)) {
            return Optional.of(Limit.FLEET_RATE);
        }
        return Optional.empty();
    }

    // A restart its own cluster holds back must not hold the fleet's budget: the cluster's reserved restart
    // may be waiting for exactly that budget.
    private Optional<Limit> refusedByCluster(String holder) {
        if (fleetReservation != null && fleetReservation.holder().equals(holder)) {
            fleetReservation = null;
        }
        return Optional.of(Limit.CLUSTER_RATE);
    }

    /** Records {@code pods} of {@code workload} of {@code namespace} in {@code clusterId} restarted at {@code at}. */
    public void spend(String clusterId, String namespace, String workload, int pods, Instant at) {
        String holder = clusterId + '/' + namespace + '/' + workload;
        if (confirmWithin == null) {
            window(namespaces, namespaceKey(clusterId, namespace)).spend(at, pods);
            window(clusters, clusterId).spend(at, pods);
            fleet.spend(at, pods);
        } else {
            Instant deadline = at.plus(confirmWithin);
            window(namespaces, namespaceKey(clusterId, namespace)).hold(holder, at, pods, deadline);
            window(clusters, clusterId).hold(holder, at, pods, deadline);
            fleet.hold(holder, at, pods, deadline);
        }
        clusterReservations.values().removeIf(r -> r.holder().equals(holder));
        if (fleetReservation != null && fleetReservation.holder().equals(holder)) {
            fleetReservation = null;
        }
    }
    /**
     * Rebuilds a restart that was reported executed at {@code executed} (after a crash): its tokens come back 60 s
     * after {@code executed}.
     */
    public void spendExecuted(String clusterId, String namespace, int pods, Instant executed) {
        window(namespaces, namespaceKey(clusterId, namespace)).spend(executed, pods);
        window(clusters, clusterId).spend(executed, pods);
        fleet.spend(executed, pods);
    }

    /**
     * The agent reports the restart of {@code workload} (as given to {@link #spend}) executed, and {@code at} is
     * when the report arrived: the held tokens come back 60 s after {@code at}. Returns whether a held restart was
     * found (false for a pacer without confirmation, or a restart already confirmed or long expired).
     */
    public boolean executed(String clusterId, String namespace, String workload, Instant at) {
        String holder = clusterId + '/' + namespace + '/' + workload;
        RateWindow ns = namespaces.get(namespaceKey(clusterId, namespace));
        RateWindow cluster = clusters.get(clusterId);
        boolean found = ns != null && ns.confirm(holder, at);
        if (cluster != null) {
            cluster.confirm(holder, at);
        }
        fleet.confirm(holder, at);
        return found;
    }

    /** Pods restarted in {@code clusterId} within the minute before {@code now}: its current rate per minute. */
    public int clusterRate(String clusterId, Instant now) {
        RateWindow window = clusters.get(clusterId);
        return window == null ? 0 : window.spent(now);
    }

    /** Pods restarted in the fleet within the minute before {@code now}. */
    public int fleetRate(Instant now) {
        return fleet.spent(now);
    }

    /** Forgets windows with nothing in them, so that memory follows the restarts of the last minute. */
    public void forgetIdle(Instant now) {
        clusters.values().removeIf(window -> window.isIdle(now));
        namespaces.values().removeIf(window -> window.isIdle(now));
    }

    private static RateWindow window(Map<String, RateWindow> windows, String key) {
        return windows.computeIfAbsent(key, k -> new RateWindow());
    }

    private static String namespaceKey(String clusterId, String namespace) {
        return clusterId + '/' + namespace;
    }
}
