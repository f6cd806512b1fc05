package io.meshfleet.agent.preflight;

import io.meshfleet.agent.kube.ClusterInspector;
import io.meshfleet.agent.kube.ClusterInspector.Permission;
import io.meshfleet.agent.model.ClusterStateBuilder;
import io.meshfleet.agent.model.MeshVersion;
import io.meshfleet.agent.model.Overlay;
import io.meshfleet.agent.model.OverlayBuilder;
import io.meshfleet.agent.model.PodObservation;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The preflight of one cluster (the seed's "prepare" step and more), run for a Preflight command and before every
 * install: refuse an admin cluster, check through SelfSubjectAccessReview that the agent may create what an install
 * and restarts need, detect the running mesh version, and build the overlay that carries the current install's
 * optional features to the target version, flagging what the target does not support.
 */
public final class PreflightRunner {

    private static final String ISTIO_SYSTEM = ClusterStateBuilder.CONTROL_PLANE_NAMESPACE;

    /** What an install (istioctl or operator), restarts and smoke tests need; checked one by one. */
    public static final List<Permission> REQUIRED = List.of(
            new Permission("create", "", "namespaces", null),
            new Permission("create", "install.istio.io", "istiooperators", ISTIO_SYSTEM),
            new Permission("update", "install.istio.io", "istiooperators", ISTIO_SYSTEM),
            new Permission("create", "apps", "deployments", ISTIO_SYSTEM),
            new Permission("create", "", "services", ISTIO_SYSTEM),
            new Permission("create", "", "serviceaccounts", ISTIO_SYSTEM),
            new Permission("create", "", "configmaps", ISTIO_SYSTEM),
            new Permission("create", "rbac.authorization.k8s.io", "clusterroles", null),
            new Permission("create", "rbac.authorization.k8s.io", "clusterrolebindings", null),
            new Permission("create", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", null),
            new Permission("patch", "apps", "deployments", null),
            new Permission("patch", "apps", "statefulsets", null),
            new Permission("patch", "apps", "daemonsets", null),
            new Permission("delete", "", "pods", null),
            new Permission("create", "batch", "jobs", null));

    private final OverlayBuilder overlays;

    public PreflightRunner(OverlayBuilder overlays) {
        this.overlays = overlays;
    }

    /** Runs every check against the cluster behind {@code inspector}. */
    public PreflightResult run(String clusterId, ClusterInspector inspector, String targetVersion, String profile) {
        List<PreflightItem> items = new ArrayList<>();
        ClusterInspector.Kind kind = inspector.kind();
        if (kind.kind() == ClusterKind.ADMIN) {
            items.add(new PreflightItem("cluster-kind", PreflightStatus.FAIL, kind.declared()
                    ? "this is an admin cluster (kube-system is labelled " + ClusterInspector.CLUSTER_KIND_LABEL
                    + "=admin): meshfleet never installs on admin clusters; switch to the user cluster"
                    : "kube-system carries no valid " + ClusterInspector.CLUSTER_KIND_LABEL + " label (found "
                    + kind.value() + "), so the agent cannot tell a user cluster from an admin one; if this is a user "
                    + "cluster, run: kubectl label namespace kube-system " + ClusterInspector.CLUSTER_KIND_LABEL + "=user"));
            return new PreflightResult(clusterId, targetVersion, null, ClusterKind.ADMIN, items, Map.of());
        }
        items.add(new PreflightItem("cluster-kind", PreflightStatus.PASS, "user cluster"));

        List<String> denied = new ArrayList<>();
        for (Permission permission : REQUIRED) {
            inspector.denied(permission).ifPresent(reason -> {
                denied.add(permission.toString());
                items.add(new PreflightItem("rbac:" + permission.verb() + ":" + permission.resource()
                        + (permission.namespace() == null ? "" : ":" + permission.namespace()), PreflightStatus.FAIL,
                        "the agent may not " + permission + " (" + reason + "): bind the agent's identity to a "
                                + "role that allows it (cluster-agent/README.md lists what the agent needs)"));
            });
        }
        if (denied.isEmpty()) {
            items.add(new PreflightItem("rbac", PreflightStatus.PASS,
                    "the agent may do all " + REQUIRED.size() + " things an install needs"));
        }

        String current = currentVersion(inspector.controlPlanePods(), items);
        MeshVersion target;
        try {
            target = MeshVersion.parse(targetVersion);
        } catch (IllegalArgumentException e) {
            items.add(new PreflightItem("target-version", PreflightStatus.FAIL, e.getMessage()));
            return new PreflightResult(clusterId, targetVersion, current, ClusterKind.USER, items, Map.of());
        }
        if (current != null && current.equals(targetVersion)) {
            items.add(new PreflightItem("target-version", PreflightStatus.PASS,
                    targetVersion + " already runs; an install would change nothing"));
        } else {
            items.add(new PreflightItem("target-version", PreflightStatus.PASS,
                    (current == null ? "new install of " : current + " -> ") + targetVersion + ", profile " + profile));
        }

        Optional<Map<String, Object>> installed = inspector.installedStateSpec();
        Map<String, Object> overlay = Map.of();
        if (installed.isEmpty()) {
            items.add(new PreflightItem("installed-state", current == null ? PreflightStatus.PASS : PreflightStatus.WARN,
                    "no IstioOperator installed-state in istio-system: no optional features to carry over"
                            + (current == null ? "" : "; the current install's options are unknown, check them by hand")));
        } else {
            Object installedProfile = installed.get().get("profile");
            items.add(new PreflightItem("installed-state", installedProfile == null || installedProfile.equals(profile)
                    ? PreflightStatus.PASS : PreflightStatus.WARN, "installed with profile " + installedProfile
                    + " at " + installed.get().get("tag") + "; target profile " + profile));
            Overlay built = overlays.build(installed.get(), target);
            items.addAll(built.items());
            overlay = built.spec();
        }
        return new PreflightResult(clusterId, targetVersion, current, ClusterKind.USER, items, overlay);
    }

    private static String currentVersion(List<PodObservation> pods, List<PreflightItem> items) {
        TreeSet<String> running = new TreeSet<>();
        for (PodObservation pod : pods) {
            if (pod.controlPlaneVersion() != null && pod.pod().allReady()) {
                running.add(pod.controlPlaneVersion());
            }
        }
        if (running.isEmpty()) {
            items.add(new PreflightItem("current-version", PreflightStatus.PASS, "no running istiod in istio-system"));
            return null;
        }
        if (running.size() > 1) {
            items.add(new PreflightItem("current-version", PreflightStatus.WARN, "istiod runs at " + running
                    + ": an install is in progress or was left half-done"));
            return null;
        }
        items.add(new PreflightItem("current-version", PreflightStatus.PASS, "istiod runs " + running.first()));
        return running.first();
    }
}
