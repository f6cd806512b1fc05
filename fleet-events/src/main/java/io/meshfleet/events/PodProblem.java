package io.meshfleet.events;

/**
 * A pod that kept a roll from converging.
 *
 * @param name    the pod name
 * @param problem what is wrong, e.g. {@code READY 1/2}, {@code proxy 1.5.9}, {@code CrashLoopBackOff}
 */
public record PodProblem(String name, String problem) {

    public PodProblem {
        Require.nonBlank(name, "name");
        Require.nonBlank(problem, "problem");
    }
}
