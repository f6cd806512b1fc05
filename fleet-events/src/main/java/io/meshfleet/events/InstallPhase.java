package io.meshfleet.events;

/** The steps of a control-plane install as an agent reports them in {@link InstallProgress}. */
public enum InstallPhase {
    /** Downloading the release archive from artifact-service and checking its digest. */
    DOWNLOADING,
    /** Running the installer (istioctl or applying the IstioOperator resource). */
    INSTALLING,
    /** Waiting for the new control plane to be ready and the old one to be gone. */
    AWAITING_CONTROL_PLANE
}
