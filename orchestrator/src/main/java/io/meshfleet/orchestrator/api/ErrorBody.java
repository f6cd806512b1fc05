package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.plan.FieldError;
import java.util.List;

/** An error answer: what went wrong and, for invalid plans, every field error. */
public record ErrorBody(String error, List<FieldError> errors) {

    static ErrorBody of(String error) {
        return new ErrorBody(error, List.of());
    }
}
