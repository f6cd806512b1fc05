package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.plan.Decision;
import io.meshfleet.orchestrator.plan.Observation;
import io.meshfleet.orchestrator.plan.OperatorAction;
import io.meshfleet.orchestrator.rollout.PlanEntity;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.meshfleet.orchestrator.rollout.PlanService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Plans over REST: create (or dry-run) from JSON or YAML, read, and the operator actions. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanService plans;
    private final PlanRunner runner;
    private final Actors actors;

    PlanResource(PlanService plans, PlanRunner runner, Actors actors) {
        this.plans = plans;
        this.runner = runner;
        this.actors = actors;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a plan from a JSON or YAML document; with dryRun=true only preview it: waves, "
            + "exclusions with reasons, ETA and the release's verification state")
    public Response create(String document, @QueryParam("dryRun") boolean dryRun,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        boolean yaml = contentType != null && contentType.contains("yaml");
        if (dryRun) {
            return Response.ok(plans.prepare(document, yaml)).build();
        }
        PlanService.Created created = plans.create(document, yaml, actors.current());
        return Response.status(Response.Status.CREATED).entity(get(created.planId())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Operation(summary = "Every plan, newest first")
    @Transactional
    public List<PlanView> list(@QueryParam("state") String state) {
        List<PlanEntity> rows = state == null ? PlanEntity.listAll(Sort.descending("createdAt"))
                : PlanEntity.list("state", Sort.descending("createdAt"), state);
        return rows.stream().map(row -> PlanView.of(row, runner.read(row))).toList();
    }

    @GET
    @Path("/{planId}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Operation(summary = "One plan with its waves and every cluster's step")
    @Transactional
    public PlanView get(@PathParam("planId") String planId) {
        PlanEntity row = PlanEntity.findById(planId);
        if (row == null) {
            throw new NotFoundException("no plan '" + planId + "'; list them with GET /api/v1/plans");
        }
        return PlanView.of(row, runner.read(row));
    }

    @POST
    @Path("/{planId}/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a DRAFT plan: the canary wave begins")
    public Response start(@PathParam("planId") String planId, ActionRequest body) {
        return act(planId, OperatorAction.START, body, null);
    }

    @POST
    @Path("/{planId}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Pause: nothing new starts; clusters in flight finish their step sequence")
    public Response pause(@PathParam("planId") String planId, ActionRequest body) {
        return act(planId, OperatorAction.PAUSE, body, null);
    }

    @POST
    @Path("/{planId}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Resume a PAUSED plan, or a HALTED one whose failures are back within bounds")
    public Response resume(@PathParam("planId") String planId, ActionRequest body) {
        return act(planId, OperatorAction.RESUME, body, null);
    }

    @POST
    @Path("/{planId}/abort")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Abort: sidecar rolls are stopped, pending clusters skipped; terminal")
    public Response abort(@PathParam("planId") String planId, ActionRequest body) {
        return act(planId, OperatorAction.ABORT, body, null);
    }

    @POST
    @Path("/{planId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Approve the wave awaiting approval (body.wave names it explicitly)")
    public Response approve(@PathParam("planId") String planId, ActionRequest body) {
        return act(planId, OperatorAction.APPROVE, body, null);
    }

    @POST
    @Path("/{planId}/clusters/{clusterId}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Retry a FAILED or ROLLED_BACK cluster from the start of its procedure")
    public Response retry(@PathParam("planId") String planId, @PathParam("clusterId") String clusterId,
                          ActionRequest body) {
        return act(planId, OperatorAction.RETRY, body, clusterId);
    }

    private Response act(String planId, OperatorAction action, ActionRequest body, String clusterId) {
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            return Response.status(400).entity(ErrorBody.of("a reason is required: send {\"reason\": \"...\"}; "
                    + "it is recorded in the audit trail")).build();
        }
        Observation.Operator request = new Observation.Operator(action, actors.current(), body.reason(), body.wave(),
                clusterId);
        Optional<Decision> decision = QuarkusTransaction.requiringNew().call(() -> runner.pass(planId,
                List.of(request)));
        if (decision.isEmpty()) {
            return Response.status(404).entity(ErrorBody.of("no plan '" + planId + "'")).build();
        }
        // A refused request is audited too (OPERATOR_REJECTED), so the transaction commits either way.
        return decision.get().rejection()
                .map(r -> Response.status(409).entity(ErrorBody.of(r.reason())).build())
                .orElseGet(() -> Response.ok(get(planId)).build());
    }
}
