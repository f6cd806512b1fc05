package io.meshfleet.agent.state;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshfleet.agent.kube.ClusterInspector;
import io.meshfleet.agent.kube.PodObservations;
import io.meshfleet.agent.model.ClusterObservation;
import io.meshfleet.agent.model.ClusterStateBuilder;
import io.meshfleet.agent.model.DisruptionBudgetObservation;
import io.meshfleet.agent.model.PodSelector;
import io.meshfleet.agent.model.ReportSchedule;
import io.meshfleet.agent.model.StateContent;
import io.meshfleet.agent.model.WorkloadObservation;
import io.meshfleet.events.WorkloadKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Reports one cluster's state: fabric8 informers (watches, no polling) keep pods, namespaces, workload
 * controllers and PodDisruptionBudgets in memory; every change they see triggers an evaluation on the reporter's own thread, which shapes
 * the caches into {@link StateContent} and asks the {@link ReportSchedule} whether a report is due (debounced
 * change or heartbeat). Between changes and heartbeats nothing is read and nothing is sent.
 */
public final class ClusterStateReporter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterStateReporter.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /**
     * How often reports go out.
     *
     * @param debounce  quiet time after a change before it is reported
     * @param maxDelay  longest a change waits while the cluster keeps changing
     * @param heartbeat interval of reports while nothing changes
     */
    public record Timing(Duration debounce, Duration maxDelay, Duration heartbeat) {
    }

    private final String clusterId;
    private final KubernetesClient client;
    private final StateSink sink;
    private final Clock clock;
    private final ReportSchedule schedule;
    private final ScheduledExecutorService thread;
    private volatile List<SharedIndexInformer<? extends HasMetadata>> informers = List.of();
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<StatefulSet> statefulSets;
    private SharedIndexInformer<DaemonSet> daemonSets;
    private SharedIndexInformer<PodDisruptionBudget> budgets;
    private volatile boolean started;
    /** Guards starting and stopping the informers (not {@code this}: evaluations hold that while they send). */
    private final Object lifecycle = new Object();
    private final AtomicLong sent = new AtomicLong();
    private ScheduledFuture<?> next;
    private volatile boolean dirty = true;

    public ClusterStateReporter(String clusterId, KubernetesClient client, StateSink sink, Clock clock, Timing timing) {
        this.clusterId = clusterId;
        this.client = client;
        this.sink = sink;
        this.clock = clock;
        this.schedule = new ReportSchedule(clusterId, timing.debounce(), timing.maxDelay(), timing.heartbeat());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "state-reporter-" + clusterId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the informers and waits until they have synced; the first report follows. Throws when they do not sync
     * (the informers are then stopped).
     */
    public ClusterStateReporter start() {
        try {
            startSync(Duration.ofMinutes(1)).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    /**
     * Starts the informers without waiting: the stage completes once all six have listed and watch (the first report
     * follows), or exceptionally when one of them fails its first list or they have not synced within {@code timeout}
     * ({@link java.util.concurrent.TimeoutException}); all of them are then stopped again and this method may be
     * called anew. fabric8 stops an informer whose first list fails, so a retry needs new ones.
     */
    public CompletionStage<Void> startSync(Duration timeout) {
        synchronized (lifecycle) {
            return startInformers(timeout);
        }
    }

    private CompletionStage<Void> startInformers(Duration timeout) {
        stopInformers();
        ResourceEventHandler<HasMetadata> onChange = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                changed();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                changed();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                changed();
            }
        };
        namespaces = client.namespaces().runnableInformer(0);
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        deployments = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        statefulSets = client.apps().statefulSets().inAnyNamespace().runnableInformer(0);
        daemonSets = client.apps().daemonSets().inAnyNamespace().runnableInformer(0);
        budgets = client.policy().v1().podDisruptionBudget().inAnyNamespace().runnableInformer(0);
        List<SharedIndexInformer<? extends HasMetadata>> created = List.of(namespaces, pods, deployments, statefulSets,
                daemonSets, budgets);
        created.forEach(i -> i.addEventHandler(handler(onChange)));
        informers = created;
        CompletableFuture<?>[] synced = created.stream().map(i -> i.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(synced).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        stopInformers(created);
                        return;
                    }
                    synchronized (lifecycle) {
                        started = created == informers;
                    }
                    changed();
                });
    }

    /** Stops the informers of the last {@link #startSync}; no reports until the next one has synced. */
    public void stopInformers() {
        stopInformers(informers);
    }

    private void stopInformers(List<SharedIndexInformer<? extends HasMetadata>> which) {
        synchronized (lifecycle) {
            which.forEach(SharedIndexInformer::close);
            if (which == informers) {
                started = false;
                informers = List.of();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> handler(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    /** Reports sent so far. */
    public long reportsSent() {
        return sent.get();
    }

    private void changed() {
        dirty = true;
        thread.execute(this::evaluate);
    }

    private synchronized void evaluate() {
        try {
            List<SharedIndexInformer<? extends HasMetadata>> current = informers;
            if (!started || current.isEmpty() || current.stream().anyMatch(i -> !i.hasSynced())) {
                return; // a partial picture would report pods as gone; the sync's own events call again
            }
            Instant now = clock.instant();
            if (dirty) {
                dirty = false;
                schedule.observe(ClusterStateBuilder.content(observe()), now);
            }
            var due = schedule.due(now);
            if (due.isPresent()) {
                try {
                    sink.publish(due.get().state());
                    sent.incrementAndGet();
                    LOG.debugf("reported %s generation %d (%s)", clusterId, due.get().state().observedGeneration(),
                            due.get().cause());
                } catch (Exception e) {
                    schedule.sendFailed();
                    LOG.warnf("could not report the state of %s, retrying in %s: %s", clusterId, RETRY, e.toString());
                    reschedule(now.plus(RETRY), now);
                    return;
                }
            }
            schedule.nextCheck().ifPresent(at -> reschedule(at, now));
        } catch (RuntimeException e) {
            LOG.errorf(e, "state report of %s failed; next attempt in %s", clusterId, RETRY);
            dirty = true;
            reschedule(clock.instant().plus(RETRY), clock.instant());
        }
    }

    private void reschedule(Instant at, Instant now) {
        if (next != null) {
            next.cancel(false);
        }
        long delay = Math.max(0, Duration.between(now, at.isBefore(now) ? now : at).toMillis());
        next = thread.schedule(this::evaluate, delay, TimeUnit.MILLISECONDS);
    }

    private ClusterObservation observe() {
        ClusterInspector.Kind kind = null;
        Map<String, Boolean> namespaces = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        for (Namespace ns : this.namespaces.getStore().list()) {
            Map<String, String> nsLabels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
            namespaces.put(ns.getMetadata().getName(), injectionEnabled(nsLabels));
            namespaceLabels.put(ns.getMetadata().getName(), nsLabels);
            if (ns.getMetadata().getName().equals("kube-system")) {
                kind = ClusterInspector.kindOf(nsLabels);
                labels.putAll(ClusterInspector.planLabels(nsLabels));
            }
        }
        List<io.meshfleet.agent.model.PodObservation> pods = new ArrayList<>();
        for (Pod pod : this.pods.getStore().list()) {
            pods.add(PodObservations.observe(pod));
        }
        List<WorkloadObservation> workloads = new ArrayList<>();
        for (Deployment d : deployments.getStore().list()) {
            workloads.add(new WorkloadObservation(d.getMetadata().getNamespace(), WorkloadKind.DEPLOYMENT,
                    d.getMetadata().getName(), d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
                    templateLabels(d.getSpec().getTemplate())));
        }
        for (StatefulSet s : statefulSets.getStore().list()) {
            workloads.add(new WorkloadObservation(s.getMetadata().getNamespace(), WorkloadKind.STATEFUL_SET,
                    s.getMetadata().getName(), s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas(),
                    templateLabels(s.getSpec().getTemplate())));
        }
        for (DaemonSet d : daemonSets.getStore().list()) {
            Integer scheduled = d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
            workloads.add(new WorkloadObservation(d.getMetadata().getNamespace(), WorkloadKind.DAEMON_SET,
                    d.getMetadata().getName(), scheduled == null ? 0 : scheduled, templateLabels(d.getSpec().getTemplate())));
        }
        List<DisruptionBudgetObservation> disruptionBudgets = new ArrayList<>();
        for (PodDisruptionBudget pdb : budgets.getStore().list()) {
            Integer allowed = pdb.getStatus() == null ? null : pdb.getStatus().getDisruptionsAllowed();
            disruptionBudgets.add(new DisruptionBudgetObservation(pdb.getMetadata().getNamespace(),
                    pdb.getMetadata().getName(), selector(pdb.getSpec() == null ? null : pdb.getSpec().getSelector()),
                    allowed == null ? 0 : allowed));
        }
        return new ClusterObservation(kind == null ? io.meshfleet.events.ClusterKind.ADMIN : kind.kind(), labels,
                namespaces, workloads, pods, namespaceLabels, disruptionBudgets);
    }

    private static Map<String, String> templateLabels(PodTemplateSpec template) {
        return template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
    }

    /** A budget's selector; a missing one selects no pod (policy/v1). */
    static PodSelector selector(LabelSelector selector) {
        if (selector == null) {
            return PodSelector.NONE;
        }
        List<PodSelector.Requirement> expressions = new ArrayList<>();
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(e -> expressions.add(new PodSelector.Requirement(e.getKey(),
                    e.getOperator(), e.getValues() == null ? null : new java.util.HashSet<>(e.getValues()))));
        }
        return PodSelector.of(selector.getMatchLabels(), expressions);
    }

    /** Whether new pods in a namespace with these labels get a sidecar. */
    static boolean injectionEnabled(Map<String, String> labels) {
        return "enabled".equals(labels.get("istio-injection"))
                || (labels.containsKey("istio.io/rev") && !"disabled".equals(labels.get("istio-injection")));
    }

    @Override
    public void close() {
        stopInformers();
        thread.shutdownNow();
    }
}
