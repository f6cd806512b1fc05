package io.meshfleet.agent.restart;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.WorkloadRef;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Executes {@link RestartWorkloads}: Deployments, StatefulSets and DaemonSets get exactly the patch
 * {@code kubectl rollout restart} sends (a strategic merge patch setting the pod template annotation
 * {@value #RESTARTED_AT} to now), so their controllers replace the pods and the injector gives the new ones the
 * current sidecar. Pods without a controller, and Job pods, are deleted only when the command allows it;
 * otherwise they are reported as needing manual action. Workloads of other kinds are reported likewise.
 */
public final class WorkloadRestarter {

    /** The annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final Logger LOG = Logger.getLogger(WorkloadRestarter.class);

    private final Clock clock;

    public WorkloadRestarter(Clock clock) {
        this.clock = clock;
    }

    /** Restarts what {@code command} names on the cluster of {@code client}. */
    public RestartExecuted restart(KubernetesClient client, RestartWorkloads command) {
        String namespace = command.namespace();
        String patch = "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\""
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)
                .atOffset(java.time.ZoneOffset.UTC)) + "\"}}}}}";
        PatchContext strategic = PatchContext.of(PatchType.STRATEGIC_MERGE);
        List<WorkloadRef> restarted = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (WorkloadRef ref : command.workloads()) {
            Object result = switch (ref.kind()) {
                case DEPLOYMENT -> exists(client.apps().deployments().inNamespace(namespace).withName(ref.name()).get())
                        ? client.apps().deployments().inNamespace(namespace).withName(ref.name()).patch(strategic, patch)
                        : null;
                case STATEFUL_SET -> exists(client.apps().statefulSets().inNamespace(namespace).withName(ref.name()).get())
                        ? client.apps().statefulSets().inNamespace(namespace).withName(ref.name()).patch(strategic, patch)
                        : null;
                case DAEMON_SET -> exists(client.apps().daemonSets().inNamespace(namespace).withName(ref.name()).get())
                        ? client.apps().daemonSets().inNamespace(namespace).withName(ref.name()).patch(strategic, patch)
                        : null;
                case POD, JOB -> {
                    List<Pod> pods = ref.kind() == io.meshfleet.events.WorkloadKind.POD
                            ? single(client.pods().inNamespace(namespace).withName(ref.name()).get())
                            : client.pods().inNamespace(namespace).withLabel("job-name", ref.name()).list().getItems();
                    if (pods.isEmpty()) {
                        yield null;
                    }
                    if (!command.allowBarePodDeletion()) {
                        pods.forEach(pod -> manual.add(pod.getMetadata().getName()));
                        yield Boolean.FALSE;
                    }
                    pods.forEach(pod -> client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete());
                    yield pods;
                }
                case OTHER -> {
                    manual.add(ref.name());
                    yield Boolean.FALSE;
                }
            };
            if (result == null) {
                LOG.warnf("restart of %s %s/%s on %s: not found, nothing to restart", ref.kind(), namespace, ref.name(),
                        command.clusterId());
            } else if (result != Boolean.FALSE) {
                restarted.add(ref);
            }
        }
        return new RestartExecuted(command.clusterId(), command.rollId(), namespace, restarted, manual);
    }

    private static boolean exists(Object resource) {
        return resource != null;
    }

    private static List<Pod> single(Pod pod) {
        return pod == null ? List.of() : List.of(pod);
    }
}
