package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.scenario.Delays;
import io.meshfleet.sim.store.AdmissionHook;
import io.meshfleet.sim.store.AdmissionRequest;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoredObject;
import io.meshfleet.sim.store.TerminationHook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kubelets (and the scheduler) of one cluster. A new pod is bound to a node at admission, stays Pending for
 * {@code podScheduling}, runs with unready containers, and is Ready after {@code containerStart} (control-plane pods:
 * after {@code controlPlaneInstall}). A deleted pod stays Terminating for {@code podTermination}. Faults: an
 * {@code istio-proxy} at a crash-looping version waits in CrashLoopBackOff with a growing restartCount; with
 * CONTROL_PLANE_NEVER_READY a new istiod runs but never becomes ready.
 *
 * <p>Level-triggered: each reconcile reads the pod, works out the next step and arms one timer for it; the timer
 * only queues the pod again, and the step is taken if the pod still needs it.
 */
final class Kubelet {

    /** The next thing that happens to a pod. */
    enum Step { START, READY, CRASH, COMPLETE, REMOVE, NONE }

    /** What the kubelet remembers of one pod between reconciles: the step its timer is armed for. */
    private static final class PodTimer {
        final String uid;
        Step step;
        int restartCount;
        volatile boolean due;
        Scheduler.Timer timer = Scheduler.Timer.NONE;

        PodTimer(String uid) {
            this.uid = uid;
        }
    }

    /** A node pods can be bound to. */
    private record Node(String name, String ip, Map<String, String> labels) {
    }

    private final ClusterStore store;
    private final Scheduler scheduler;
    private final WorkQueue queue;
    private final Delays delays;
    private final ClusterFaults faults;
    private final PodViews views;
    private final Map<String, PodTimer> timers = new HashMap<>();
    private final AtomicInteger nextNode = new AtomicInteger();
    private final AtomicInteger nextIp = new AtomicInteger();
    private volatile List<Node> nodes = List.of();
    private volatile boolean booting;

    Kubelet(ClusterStore store, Scheduler scheduler, WorkQueue queue, Delays delays, ClusterFaults faults,
            PodViews views) {
        this.store = store;
        this.views = views;
        this.scheduler = scheduler;
        this.queue = queue;
        this.delays = delays;
        this.faults = faults;
    }

    /** While booting, new pods are admitted already running and ready: a seeded cluster starts converged. */
    void booting(boolean value) {
        this.booting = value;
    }

    /** Re-reads the nodes (after a Node changed). */
    void refreshNodes() {
        List<Node> ready = new ArrayList<>();
        for (StoredObject object : store.list(NODES).items()) {
            ObjectNode node = object.node();
            boolean unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
            if (!unschedulable && PodView.condition(node, "Ready")) {
                String ip = "";
                for (JsonNode address : node.path("status").path("addresses")) {
                    if (address.path("type").asText().equals("InternalIP")) {
                        ip = address.path("address").asText();
                    }
                }
                ready.add(new Node(object.name(), ip, object.labels()));
            }
        }
        nodes = List.copyOf(ready);
    }

    /** The scheduler: binds every new pod to a node at admission (and, while booting, starts it). */
    AdmissionHook admission() {
        return this::admit;
    }

    /** Keeps gracefully deleted pods Terminating; this kubelet removes them after {@code podTermination}. */
    TerminationHook termination() {
        return (type, terminating) -> delays.podTermination().isZero();
    }

    private void admit(AdmissionRequest request) {
        if (request.operation() != AdmissionRequest.Operation.CREATE || !request.resource().key().equals(PODS.key())) {
            return;
        }
        ObjectNode pod = request.object();
        ObjectNode spec = pod.withObjectProperty("spec");
        Node node = spec.path("nodeName").asText("").isEmpty() ? pick(spec.path("nodeSelector")) : find(spec);
        if (node == null) {
            return;
        }
        spec.put("nodeName", node.name());
        Instant now = scheduler.clock().instant();
        ObjectNode status = pod.withObjectProperty("status");
        PodStatuses.scheduled(status, now);
        if (booting) {
            PodView view = PodView.of(pod);
            PodStatuses.started(status, pod, now, node.ip(), allocateIp(), crashing(view));
            PodStatuses.ready(status, now, Set.of());
        }
    }

    private Node pick(JsonNode nodeSelector) {
        List<Node> candidates = nodes;
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            Node node = candidates.get(Math.floorMod(nextNode.getAndIncrement(), n));
            if (selects(nodeSelector, node)) {
                return node;
            }
        }
        return null;
    }

    private Node find(ObjectNode spec) {
        String name = spec.path("nodeName").asText();
        for (Node node : nodes) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        return new Node(name, "", Map.of());
    }

    private static boolean selects(JsonNode nodeSelector, Node node) {
        for (var e : nodeSelector.properties()) {
            if (!e.getValue().asText().equals(node.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private String allocateIp() {
        int n = nextIp.incrementAndGet();
        return "10.64." + (n / 250 % 256) + "." + (n % 250 + 1);
    }

    private String hostIp(String nodeName) {
        for (Node node : nodes) {
            if (node.name().equals(nodeName)) {
                return node.ip();
            }
        }
        return "";
    }

    // ---------------------------------------------------------------- reconcile

    void reconcile(String namespace, String name) {
        String key = namespace + "/" + name;
        Optional<StoredObject> stored = store.find(PODS, namespace, name);
        if (stored.isEmpty()) {
            PodTimer gone = timers.remove(key);
            if (gone != null) {
                gone.timer.cancel();
            }
            return;
        }
        PodView pod = views.of(stored.get());
        PodTimer state = timers.get(key);
        if (state == null || !state.uid.equals(pod.uid())) {
            if (state != null) {
                state.timer.cancel();
            }
            state = new PodTimer(pod.uid());
            timers.put(key, state);
        }
        Step step = next(pod);
        if (step == Step.NONE && pod.phase().equals("Running") && pod.ready()
                && PodStatuses.runsToCompletion(stored.get().node())) {
            step = Step.COMPLETE;
        }
        PodView.ContainerState proxy = pod.container(Labels.PROXY_CONTAINER);
        int restarts = proxy == null ? 0 : proxy.restartCount();
        if (step == Step.NONE) {
            // Settled pods (the vast majority) cost the kubelet no memory.
            state.timer.cancel();
            timers.remove(key);
            return;
        }
        if (state.step != step || (step == Step.CRASH && state.restartCount != restarts)) {
            state.timer.cancel();
            state.step = step;
            state.restartCount = restarts;
            state.due = false;
            Duration delay = delay(step, pod, restarts);
            if (delay.isZero()) {
                state.due = true;
            } else {
                PodTimer armed = state;
                ReconcileKey podKey = new ReconcileKey(ReconcileKey.Kind.POD, namespace, name);
                state.timer = scheduler.schedule(delay, () -> {
                    armed.due = true;
                    queue.add(podKey);
                });
                return;
            }
        }
        if (!state.due) {
            return;
        }
        state.due = false;
        // Forget the step taken, so the change it causes arms the next one (or, if it changed nothing, a retry).
        state.step = null;
        take(step, pod);
        queue.add(new ReconcileKey(ReconcileKey.Kind.POD, namespace, name));
    }

    /** What happens next to the pod, judged from the pod alone (and the faults). */
    Step next(PodView pod) {
        if (pod.terminating()) {
            return Step.REMOVE;
        }
        String phase = pod.phase();
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return Step.NONE;
        }
        if (!phase.equals("Running")) {
            return pod.nodeName().isEmpty() ? Step.NONE : Step.START;
        }
        boolean crashing = false;
        Set<String> blocked = neverReady(pod);
        for (PodView.ContainerState container : pod.containers()) {
            if (container.crashLooping()) {
                crashing = true;
            } else if (!container.ready() && container.running() && !blocked.contains(container.name())) {
                return Step.READY;
            }
        }
        return crashing ? Step.CRASH : Step.NONE;
    }

    private Duration delay(Step step, PodView pod, int restarts) {
        return switch (step) {
            case START -> delays.podScheduling();
            case READY -> controlPlane(pod)
                    ? positive(delays.controlPlaneInstall().minus(delays.podScheduling()))
                    : delays.containerStart();
            case CRASH -> PodStatuses.backOff(restarts);
            case COMPLETE -> delays.containerStart();
            case REMOVE -> delays.podTermination();
            case NONE -> Duration.ZERO;
        };
    }

    private void take(Step step, PodView pod) {
        Instant now = scheduler.clock().instant();
        String uid = pod.uid();
        try {
            switch (step) {
                case START -> store.editStatus(PODS, pod.namespace(), pod.name(), current -> {
                    if (same(current, uid) && !current.path("status").path("phase").asText().equals("Running")) {
                        String node = current.path("spec").path("nodeName").asText();
                        PodStatuses.started(current.withObjectProperty("status"), current, now, hostIp(node),
                                allocateIp(), crashing(pod));
                    }
                });
                case READY -> store.editStatus(PODS, pod.namespace(), pod.name(), current -> {
                    if (same(current, uid)) {
                        PodStatuses.ready(current.withObjectProperty("status"), now, neverReady(pod));
                    }
                });
                case CRASH -> store.editStatus(PODS, pod.namespace(), pod.name(), current -> {
                    if (same(current, uid)) {
                        PodStatuses.crashedAgain(current.withObjectProperty("status"), current,
                                Labels.PROXY_CONTAINER, now);
                    }
                });
                case COMPLETE -> store.editStatus(PODS, pod.namespace(), pod.name(), current -> {
                    if (same(current, uid) && current.path("status").path("phase").asText().equals("Running")) {
                        PodStatuses.completed(current.withObjectProperty("status"), current, now);
                    }
                });
                case REMOVE -> store.delete(PODS, pod.namespace(), pod.name(),
                        new DeleteOptions(0L, DeleteOptions.Propagation.BACKGROUND, uid, null, false));
                case NONE -> {
                }
                default -> throw new IllegalStateException(step.name());
            }
        } catch (StoreException e) {
            // Gone or replaced meanwhile: the next reconcile sees the new state.
        }
    }

    private static boolean same(ObjectNode pod, String uid) {
        return pod.path("metadata").path("uid").asText().equals(uid);
    }

    private Set<String> crashing(PodView pod) {
        return faults.proxyCrashLoops(pod.namespace(), pod.workload(), pod.proxyVersion())
                ? Set.of(Labels.PROXY_CONTAINER) : Set.of();
    }

    private Set<String> neverReady(PodView pod) {
        if (faults.controlPlaneNeverReady() && pod.namespace().equals(Labels.ISTIO_SYSTEM)
                && pod.label("app").equals(ControlPlaneManifest.ISTIOD)) {
            return Set.of(ControlPlaneManifest.DISCOVERY_CONTAINER);
        }
        return Set.of();
    }

    /** Control-plane pods take {@code controlPlaneInstall} to become ready, as a new istiod does. */
    static boolean controlPlane(PodView pod) {
        return pod.namespace().equals(Labels.ISTIO_SYSTEM)
                && (!pod.label(ControlPlaneManifest.COMPONENT_LABEL).isEmpty()
                || pod.label("app").equals(ControlPlaneManifest.ISTIOD));
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
