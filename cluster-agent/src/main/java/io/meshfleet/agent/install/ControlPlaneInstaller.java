package io.meshfleet.agent.install;

/**
 * The port through which an install reaches the cluster. Adapters: {@link IstioctlInstaller} (the release's own
 * istioctl) and {@link OperatorInstaller} (an IstioOperator resource reconciled in the cluster).
 */
public interface ControlPlaneInstaller {

    /** Installs {@code target}; returns the installer's verdict (the control plane's readiness is judged after). */
    InstallerOutcome install(InstallTarget target) throws InterruptedException;
}
