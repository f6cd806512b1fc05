package io.meshfleet.agent.model;

import io.meshfleet.events.PodState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Judges the pods of {@code istio-system} against an install's target, as a person watching
 * {@code kubectl get pod -n istio-system} would: done when at least one istiod runs the target version, every
 * istiod and gateway pod is Running, READY n/n and at the target, and no pod of another version is left
 * (terminating ones count as left). Past the deadline anything else is a failure that says what was missing.
 */
public final class InstallJudge {

    /** The reason of an install whose control plane did not converge before its deadline. */
    public static final String TIMEOUT = "TIMEOUT";

    private InstallJudge() {
    }

    /** The verdict on {@code pods} (istio-system) for {@code target}, at {@code now}, with {@code deadline}. */
    public static ControlPlaneVerdict judge(List<PodObservation> pods, String target, Instant deadline, Instant now) {
        Objects.requireNonNull(target, "target");
        int istiod = 0;
        int istiodReady = 0;
        List<String> notReady = new ArrayList<>();
        List<String> old = new ArrayList<>();
        for (PodObservation observed : pods) {
            PodState pod = observed.pod();
            String version = observed.controlPlaneVersion() != null ? observed.controlPlaneVersion() : pod.proxyVersion();
            if (version == null) {
                continue; // not a mesh component (e.g. an addon): not the install's to judge
            }
            if (!version.equals(target)) {
                old.add(pod.name() + " (" + version + ")");
                continue;
            }
            if (observed.controlPlaneVersion() != null) {
                istiod++;
                istiodReady += pod.allReady() ? 1 : 0;
            }
            if (!pod.allReady()) {
                notReady.add(pod.name() + " " + pod.phase() + " " + pod.ready() + "/" + pod.total());
            }
        }
        String detail = "istiod at " + target + ": " + istiodReady + "/" + istiod + " ready"
                + (notReady.isEmpty() ? "" : "; not ready: " + String.join(", ", notReady))
                + (old.isEmpty() ? "" : "; old pods left: " + String.join(", ", old));
        if (istiod > 0 && istiodReady == istiod && notReady.isEmpty() && old.isEmpty()) {
            return new ControlPlaneVerdict(ControlPlaneVerdict.Outcome.DONE, null, detail);
        }
        if (!now.isBefore(deadline)) {
            return new ControlPlaneVerdict(ControlPlaneVerdict.Outcome.FAILED, TIMEOUT,
                    "the control plane did not converge at " + target + " by the deadline " + deadline + ": " + detail);
        }
        return new ControlPlaneVerdict(ControlPlaneVerdict.Outcome.WAITING, null, detail);
    }
}
