package io.meshfleet.sim.controllers;

/**
 * What a cluster's work queue holds: which object a controller should look at again.
 *
 * @param kind      which controller
 * @param namespace the object's namespace
 * @param name      the object's name
 */
record ReconcileKey(Kind kind, String namespace, String name) {

    /** The controllers of a cluster, one per kind of object they reconcile. */
    enum Kind { DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET, JOB, POD, ISTIO_OPERATOR, DISRUPTION_BUDGET }
}
