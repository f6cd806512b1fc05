package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.plan.InvalidPlanException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps domain errors to answers that say what to fix. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException e) {
        return Response.status(422).entity(new ErrorBody("the plan is invalid; fix the listed fields", e.errors()))
                .build();
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return Response.status(400).entity(ErrorBody.of(e.getMessage())).build();
    }
}
