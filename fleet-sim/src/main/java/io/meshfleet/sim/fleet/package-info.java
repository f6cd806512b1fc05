/**
 * A running simulated fleet: {@link io.meshfleet.sim.fleet.FleetSim} starts one API server for a scenario's clusters,
 * seeds them ({@link io.meshfleet.sim.fleet.ClusterSeed}), runs their controllers, writes kubeconfigs, puts clusters
 * with API faults behind a fault proxy, and records pod restarts and installs ({@link io.meshfleet.sim.fleet.FleetRecorder}).
 * {@link io.meshfleet.sim.fleet.FleetSimMain} is the command-line launcher.
 */
package io.meshfleet.sim.fleet;
