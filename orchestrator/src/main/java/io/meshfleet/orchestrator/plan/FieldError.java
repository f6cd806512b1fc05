package io.meshfleet.orchestrator.plan;

/**
 * One validation error of a plan: the field's path (e.g. {@code waves[1].maxConcurrency}) and what is allowed.
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
