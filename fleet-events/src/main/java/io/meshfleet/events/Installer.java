package io.meshfleet.events;

/** How an agent installs a control plane. */
public enum Installer {
    /** Runs the verified release's own {@code bin/istioctl install -y} against the cluster. */
    ISTIOCTL,
    /** Applies an {@code IstioOperator} resource and waits for the in-cluster operator to reconcile it. */
    OPERATOR
}
