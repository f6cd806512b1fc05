package io.meshfleet.system.stack;

import io.meshfleet.sim.fleet.FleetRecorder.PodEvent;
import io.meshfleet.sim.fleet.FleetRecorder.PodEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What fleet-sim recorded for the workloads of some clusters during a roll to a proxy version: when each workload's
 * restart began at the cluster, how many of its old pods were replaced, and whether pods already at the target were
 * replaced again (a second restart of the workload). Pure: computed from the recorder's pod events.
 */
public final class FleetRestarts {

    /**
     * One workload's record.
     *
     * @param cluster        the cluster
     * @param namespace      the namespace
     * @param workload       the workload
     * @param firstCreated   when its first pod of the roll was created (the restart began), null if none was
     * @param created        pods created during the roll
     * @param oldPodsDeleted pods not at the target that were deleted (replaced)
     * @param newPodsDeleted pods at the target that were deleted: every one means the workload was restarted again
     */
    public record Workload(String cluster, String namespace, String workload, Instant firstCreated, int created,
                           int oldPodsDeleted, int newPodsDeleted) {

        /** {@code cluster/namespace/workload} */
        public String key() {
            return cluster + "/" + namespace + "/" + workload;
        }
    }

    private final Map<String, Workload> workloads;

    private FleetRestarts(Map<String, Workload> workloads) {
        this.workloads = workloads;
    }

    /** The records of {@code clusters} from the events at or after {@code since}, towards proxy {@code target}. */
    public static FleetRestarts of(List<PodEvent> events, Set<String> clusters, String target, Instant since) {
        Map<String, Workload> byKey = new LinkedHashMap<>();
        for (PodEvent event : events) {
            if (!clusters.contains(event.cluster()) || event.at().isBefore(since) || event.type() == PodEventType.GONE) {
                continue;
            }
            String key = event.cluster() + "/" + event.namespace() + "/" + event.workload();
            Workload old = byKey.getOrDefault(key, new Workload(event.cluster(), event.namespace(), event.workload(),
                    null, 0, 0, 0));
            boolean atTarget = target.equals(event.proxyVersion());
            Workload updated = switch (event.type()) {
                case CREATED -> new Workload(old.cluster(), old.namespace(), old.workload(),
                        old.firstCreated() == null ? event.at() : old.firstCreated(), old.created() + 1,
                        old.oldPodsDeleted(), old.newPodsDeleted());
                case DELETED -> new Workload(old.cluster(), old.namespace(), old.workload(), old.firstCreated(),
                        old.created(), old.oldPodsDeleted() + (atTarget ? 0 : 1), old.newPodsDeleted() + (atTarget ? 1 : 0));
                case GONE -> old;
            };
            byKey.put(key, updated);
        }
        return new FleetRestarts(byKey);
    }

    /** Every workload with an event, in the order of its first event. */
    public Collection<Workload> workloads() {
        return workloads.values();
    }

    /** One workload's record, or an empty one when nothing happened to it. */
    public Workload workload(String cluster, String namespace, String workload) {
        return workloads.getOrDefault(cluster + "/" + namespace + "/" + workload,
                new Workload(cluster, namespace, workload, null, 0, 0, 0));
    }

    /**
     * The restarts as the cluster saw them: one per workload that was begun, at its first new pod, counting every pod
     * it replaced (judge a finished roll: a restart still in progress has not replaced all its pods yet).
     */
    public RestartWindows windows() {
        List<RestartWindows.Restart> restarts = new ArrayList<>();
        for (Workload w : workloads.values()) {
            if (w.firstCreated() != null) {
                restarts.add(new RestartWindows.Restart(w.firstCreated(), w.cluster(), w.namespace(), w.workload(),
                        w.oldPodsDeleted() + w.newPodsDeleted()));
            }
        }
        return new RestartWindows(restarts);
    }
}
