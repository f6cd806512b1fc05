package io.meshfleet.sim.scenario;

import java.util.List;

/** A scenario file that cannot be used; each problem names the field and what is allowed. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one per field. */
    public List<String> problems() {
        return problems;
    }
}
