package io.meshfleet.agent.restart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
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
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Executes {@link RestartWorkloads}: Deployments, StatefulSets and DaemonSets get exactly the patch
 * {@code kubectl rollout restart} sends (a strategic merge patch setting the pod template annotation
 * {@value #RESTARTED_AT} to now, plus {@value #RESTARTED_FOR_ROLL}: the roll, so that a command delivered again
 * does not restart a workload twice for one roll), so their controllers replace the pods and the injector gives the
 * new ones the current sidecar. Pods without a controller, and Job pods, are deleted only when the command allows it;
 * otherwise they are reported as needing manual action. Workloads of other kinds are reported likewise.
 */
public final class WorkloadRestarter {

    /** The annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The roll a workload was last restarted for, set with {@link #RESTARTED_AT}: a roll restarts it at most once. */
    public static final String RESTARTED_FOR_ROLL = "meshfleet.io/restarted-for-roll";
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
                .atOffset(java.time.ZoneOffset.UTC)) + "\",\"" + RESTARTED_FOR_ROLL + "\":"
                + quoted(command.rollId()) + "}}}}}";
        PatchContext strategic = PatchContext.of(PatchType.STRATEGIC_MERGE);
        List<WorkloadRef> restarted = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (WorkloadRef ref : command.workloads()) {
            Object result = switch (ref.kind()) {
                case DEPLOYMENT -> rolloutRestart(client.apps().deployments().inNamespace(namespace).withName(ref.name()),
                        command, strategic, patch);
                case STATEFUL_SET -> rolloutRestart(client.apps().statefulSets().inNamespace(namespace).withName(ref.name()),
                        command, strategic, patch);
                case DAEMON_SET -> rolloutRestart(client.apps().daemonSets().inNamespace(namespace).withName(ref.name()),
                        command, strategic, patch);
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

    /**
     * The rollout-restart patch, unless the workload's pod template already carries this roll's mark: then this
     * command was delivered again (an agent killed after the patch and before Kafka had its offset, which forgets
     * the command's nonce) and restarting again would replace pods that already run the new proxy. The mark lives
     * in the cluster, so it survives the agent. Null when the workload does not exist.
     */
    private static <T extends HasMetadata> Object rolloutRestart(Resource<T> resource, RestartWorkloads command,
                                                               PatchContext strategic, String patch) {
        T workload = resource.get();
        if (workload == null) {
            return null;
        }
        PodTemplateSpec template = null;
        if (workload instanceof Deployment d) {
            template = d.getSpec().getTemplate();
        } else if (workload instanceof StatefulSet s) {
            template = s.getSpec().getTemplate();
        } else if (workload instanceof DaemonSet d) {
            template = d.getSpec().getTemplate();
        }
        Map<String, String> annotations = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getAnnotations();
        if (annotations != null && command.rollId().equals(annotations.get(RESTARTED_FOR_ROLL))) {
            LOG.infof("%s %s/%s on %s was already restarted for roll %s: not again", workload.getKind(),
                    command.namespace(), workload.getMetadata().getName(), command.clusterId(), command.rollId());
            return Boolean.TRUE;
        }
        return resource.patch(strategic, patch);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static List<Pod> single(Pod pod) {
        return pod == null ? List.of() : List.of(pod);
    }
}
