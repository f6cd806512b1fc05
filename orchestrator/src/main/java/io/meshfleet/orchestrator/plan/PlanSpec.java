package io.meshfleet.orchestrator.plan;

import io.meshfleet.events.Installer;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.SmokeCheck;
import java.util.List;

/**
 * What an operator asked for: move the selected clusters to {@code targetVersion}, canary first, in waves.
 * Built only by {@link PlanReader}, which validates every field.
 *
 * @param name          a name for people
 * @param targetVersion the mesh version to install, e.g. {@code 1.5.10-asm.2}
 * @param fromVersion   when set, only clusters at exactly this version are changed (a guard), else null
 * @param profile       the install profile ({@code asm-multicloud} by default)
 * @param platform      the release archive's platform the agents download ({@code linux}, {@code osx} or {@code win}, as artifact-service names them; {@code linux} by default)
 * @param installer     how agents install the control plane
 * @param selector      which clusters the plan covers
 * @param waves         wave 0 is the canary
 * @param sidecarLimits restart pacing handed to sidecar-roller
 * @param smokeTests    checks run on each cluster after its sidecars converged; may be empty
 * @param failurePolicy what happens to a cluster that fails
 * @param deadlines     how long each waiting step may take
 */
public record PlanSpec(
        String name,
        String targetVersion,
        String fromVersion,
        String profile,
        String platform,
        Installer installer,
        ClusterSelector selector,
        List<WaveSpec> waves,
        SidecarLimits sidecarLimits,
        List<SmokeCheck> smokeTests,
        FailurePolicy failurePolicy,
        StepDeadlines deadlines) {

    public static final String DEFAULT_PROFILE = "asm-multicloud";
    public static final String DEFAULT_PLATFORM = "linux";

    public PlanSpec {
        waves = List.copyOf(waves);
        smokeTests = List.copyOf(smokeTests);
    }
}
