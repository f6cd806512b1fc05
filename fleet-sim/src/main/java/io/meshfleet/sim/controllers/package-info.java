/**
 * The simulated controllers of a fleet of clusters, on top of each cluster's {@link io.meshfleet.sim.store.ClusterStore}.
 *
 * <p>{@link io.meshfleet.sim.controllers.ClusterControllers} wires one cluster: Deployments (ReplicaSets named
 * {@code <deploy>-<pod-template-hash>}, upstream's rolling-update arithmetic in {@code RollingUpdate}), ReplicaSets,
 * StatefulSets, DaemonSets, Jobs, a kubelet and scheduler (pod lifecycle and its faults), Istio's sidecar injector
 * (an admission hook) and the control-plane installer (the contract of {@code io.meshfleet.sim.release}). Everything
 * is level-triggered: store watches put keys on one work queue per cluster, and a reconcile reads the object and its
 * dependents again and writes what differs. Delays are simulated time; one {@link io.meshfleet.sim.controllers.Scheduler}
 * with a few threads runs every cluster of a fleet, dividing delays by the time scale.
 *
 * <p>Pure deciders ({@code RollingUpdate}, {@code PodTemplateHash}, {@code PodStatuses},
 * {@link io.meshfleet.sim.controllers.ControlPlaneManifest}) are separate from the controllers that read and write the
 * store, and are tested on their own.
 */
package io.meshfleet.sim.controllers;
