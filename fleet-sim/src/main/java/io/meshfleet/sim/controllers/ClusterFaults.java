package io.meshfleet.sim.controllers;

import io.meshfleet.sim.scenario.Fault;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults injected into one cluster that its controllers act on (crash-looping proxies, a control plane that never
 * becomes ready). Faults may be added and removed while the cluster runs; they apply to pods that start afterwards.
 */
public final class ClusterFaults {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** Starts with the given faults. */
    public ClusterFaults(List<Fault> initial) {
        faults.addAll(initial);
    }

    /** Injects a fault. */
    public void add(Fault fault) {
        faults.add(fault);
    }

    /** Removes a fault (equal by value). */
    public void remove(Fault fault) {
        faults.remove(fault);
    }

    /** Every fault now in effect. */
    public List<Fault> all() {
        return List.copyOf(faults);
    }

    /** Whether a pod with this sidecar version, namespace and workload crash-loops its proxy. */
    public boolean proxyCrashLoops(String namespace, String workload, String proxyVersion) {
        if (proxyVersion.isEmpty()) {
            return false;
        }
        for (Fault fault : faults) {
            if (fault.type() == Fault.Type.CRASH_LOOP_ON_PROXY_VERSION
                    && proxyVersion.equals(fault.proxyVersion())
                    && (fault.namespace() == null || fault.namespace().equals(namespace))
                    && (fault.workload() == null || fault.workload().equals(workload))) {
                return true;
            }
        }
        return false;
    }

    /** Whether newly started control-plane pods never become ready. */
    public boolean controlPlaneNeverReady() {
        for (Fault fault : faults) {
            if (fault.type() == Fault.Type.CONTROL_PLANE_NEVER_READY) {
                return true;
            }
        }
        return false;
    }
}
