package io.meshfleet.orchestrator.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan document that cannot be accepted; carries every error found, each naming its field. */
public final class InvalidPlanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidPlanException(List<FieldError> errors) {
        super("invalid plan: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
