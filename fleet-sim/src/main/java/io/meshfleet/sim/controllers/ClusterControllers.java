package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DAEMON_SETS;
import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static io.meshfleet.sim.store.BuiltInResources.JOBS;
import static io.meshfleet.sim.store.BuiltInResources.NODES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;
import static io.meshfleet.sim.store.BuiltInResources.REPLICA_SETS;
import static io.meshfleet.sim.store.BuiltInResources.STATEFUL_SETS;

import io.meshfleet.sim.controllers.ReconcileKey.Kind;
import io.meshfleet.sim.scenario.Delays;
import io.meshfleet.sim.scenario.Fault;
import io.meshfleet.sim.store.AdmissionHook;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.StoredObject;
import io.meshfleet.sim.store.TerminationHook;
import io.meshfleet.sim.store.WatchEvent;
import io.meshfleet.sim.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every simulated controller of one cluster, on top of its {@link ClusterStore}: Deployments, ReplicaSets,
 * StatefulSets, DaemonSets, Jobs, PodDisruptionBudgets' status, the kubelet, the sidecar injector and the control-plane installer. Store watches feed
 * one work queue per cluster (level-triggered: a key means "look at this object again"), which runs on the fleet's
 * shared {@link Scheduler}.
 */
public final class ClusterControllers implements AutoCloseable {

    private final ClusterStore store;
    private final ClusterFaults faults;
    private final PodViews views = new PodViews();
    private final WorkQueue queue;
    private final Kubelet kubelet;
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;
    private final StatefulSetController statefulSets;
    private final DaemonSetController daemonSets;
    private final JobController jobs;
    private final DisruptionBudgetController budgets;
    private final ControlPlaneInstaller installer;
    private final List<AdmissionHook> hooks = new ArrayList<>();
    private final List<StoreWatch> watches = new ArrayList<>();
    /** Owner uid to the key of the owner's controller, so that a pod's change wakes its ReplicaSet, etc. */
    private final Map<String, ReconcileKey> owners = new ConcurrentHashMap<>();
    /** A controlled object's own owners (a ReplicaSet's Deployment), so that a pod's removal reaches them too. */
    private final Map<String, List<String>> parents = new ConcurrentHashMap<>();

    /**
     * The controllers of one cluster (not yet running: see {@link #start()}).
     *
     * @param store     the cluster's objects
     * @param delays    how long pods and control planes take, in simulated time
     * @param faults    the faults injected into the cluster
     * @param scheduler the fleet's shared scheduler
     * @param activity  the fleet's activity count
     * @param events    who hears about installs
     */
    public ClusterControllers(ClusterStore store, Delays delays, List<Fault> faults, Scheduler scheduler,
                              ActivityTracker activity, ControllerEvents events) {
        this.store = store;
        this.faults = new ClusterFaults(faults);
        this.queue = new WorkQueue(store.clusterName(), scheduler, activity, this::reconcile);
        this.kubelet = new Kubelet(store, scheduler, queue, delays, this.faults, views);
        this.deployments = new DeploymentController(store, scheduler, queue);
        this.replicaSets = new ReplicaSetController(store, views);
        this.statefulSets = new StatefulSetController(store, views);
        this.daemonSets = new DaemonSetController(store, views);
        this.jobs = new JobController(store, scheduler, views);
        this.budgets = new DisruptionBudgetController(store, scheduler);
        this.installer = new ControlPlaneInstaller(store.clusterName(), store, scheduler, queue, events, views);
    }

    /** Installs the admission and termination hooks and starts watching. */
    public synchronized ClusterControllers start() {
        if (!watches.isEmpty()) {
            return this;
        }
        // Order matters: defaults first, then the injector adds the sidecar, then the scheduler binds (and, while
        // booting, starts) the pod with every container it will have.
        hooks.add(new WorkloadDefaults());
        hooks.add(new SidecarInjector(store, views));
        hooks.add(kubelet.admission());
        hooks.forEach(store::addAdmissionHook);
        store.terminationHook(kubelet.termination());
        watches.add(store.watch(NODES, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                nodesChanged();
            }

            @Override
            public void onInitialEventsEnd(long resourceVersion) {
                nodesChanged();
            }
        }));
        watch(DEPLOYMENTS, Kind.DEPLOYMENT);
        watch(REPLICA_SETS, Kind.REPLICA_SET);
        watch(STATEFUL_SETS, Kind.STATEFUL_SET);
        watch(DAEMON_SETS, Kind.DAEMON_SET);
        watch(JOBS, Kind.JOB);
        watch(ISTIO_OPERATORS, Kind.ISTIO_OPERATOR);
        watches.add(store.watch(POD_DISRUPTION_BUDGETS, event -> queue.add(new ReconcileKey(
                Kind.DISRUPTION_BUDGET, event.object().namespace(), event.object().name()))));
        watches.add(store.watch(PODS, this::podChanged));
        return this;
    }

    /** The cluster's store. */
    public ClusterStore store() {
        return store;
    }

    /** The faults in effect; add or remove some while the cluster runs. */
    public ClusterFaults faults() {
        return faults;
    }

    /**
     * While booting, new pods start Running and Ready at admission, so that a seeded cluster is converged as soon as
     * its controllers have caught up; afterwards pods take the scenario's delays.
     */
    public void booting(boolean value) {
        kubelet.booting(value);
    }

    /** Stops watching and removes the hooks; queued work is dropped. */
    @Override
    public synchronized void close() {
        watches.forEach(StoreWatch::close);
        watches.clear();
        hooks.forEach(store::removeAdmissionHook);
        hooks.clear();
        store.terminationHook(TerminationHook.IMMEDIATE);
        queue.close();
    }

    private void watch(ResourceType type, Kind kind) {
        watches.add(store.watch(type, event -> {
            StoredObject object = event.object();
            ReconcileKey key = new ReconcileKey(kind, object.namespace(), object.name());
            if (event.type() == WatchEvent.Type.DELETED) {
                owners.remove(object.uid());
                parents.remove(object.uid());
                if (kind == Kind.REPLICA_SET || kind == Kind.DEPLOYMENT) {
                    deployments.forget(object.uid());
                }
            } else if (kind != Kind.ISTIO_OPERATOR) {
                owners.put(object.uid(), key);
                if (!object.ownerUids().isEmpty()) {
                    parents.put(object.uid(), object.ownerUids());
                }
            }
            queue.add(key);
            wakeOwners(object);
            if (Labels.ISTIO_SYSTEM.equals(object.namespace()) && kind == Kind.DEPLOYMENT) {
                installer.controlPlaneChanged();
            }
        }));
    }

    private void podChanged(WatchEvent event) {
        StoredObject pod = event.object();
        queue.add(new ReconcileKey(Kind.POD, pod.namespace(), pod.name()));
        wakeOwners(pod);
        for (String budget : budgets.budgetsIn(pod.namespace())) {
            queue.add(new ReconcileKey(Kind.DISRUPTION_BUDGET, pod.namespace(), budget));
        }
        if (event.type() == WatchEvent.Type.DELETED) {
            views.forget(pod.namespace(), pod.name());
            // A pod's removal may change nothing in its ReplicaSet's status, yet a Recreate rollout waits for it.
            for (String owner : pod.ownerUids()) {
                for (String parent : parents.getOrDefault(owner, List.of())) {
                    ReconcileKey key = owners.get(parent);
                    if (key != null) {
                        queue.add(key);
                    }
                }
            }
        }
        if (Labels.ISTIO_SYSTEM.equals(pod.namespace())) {
            installer.controlPlaneChanged();
        }
    }

    private void wakeOwners(StoredObject object) {
        for (String uid : object.ownerUids()) {
            ReconcileKey owner = owners.get(uid);
            if (owner != null) {
                queue.add(owner);
            }
        }
    }

    private void nodesChanged() {
        kubelet.refreshNodes();
        for (ReconcileKey key : owners.values()) {
            if (key.kind() == Kind.DAEMON_SET) {
                queue.add(key);
            }
        }
    }

    private void reconcile(ReconcileKey key) {
        switch (key.kind()) {
            case DEPLOYMENT -> deployments.reconcile(key.namespace(), key.name());
            case REPLICA_SET -> replicaSets.reconcile(key.namespace(), key.name());
            case STATEFUL_SET -> statefulSets.reconcile(key.namespace(), key.name());
            case DAEMON_SET -> daemonSets.reconcile(key.namespace(), key.name());
            case JOB -> jobs.reconcile(key.namespace(), key.name());
            case DISRUPTION_BUDGET -> budgets.reconcile(key.namespace(), key.name());
            case POD -> kubelet.reconcile(key.namespace(), key.name());
            case ISTIO_OPERATOR -> installer.reconcile(key.namespace(), key.name());
            default -> throw new IllegalStateException(key.kind().name());
        }
    }
}
