package io.meshfleet.orchestrator.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshfleet.orchestrator.api.ActionRequest;
import io.meshfleet.orchestrator.api.ErrorBody;
import io.meshfleet.orchestrator.api.Roles;
import io.meshfleet.orchestrator.dashboard.view.PlanBoard;
import io.meshfleet.orchestrator.plan.Decision;
import io.meshfleet.orchestrator.plan.Observation;
import io.meshfleet.orchestrator.plan.OperatorAction;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.orchestrator.rollout.PlanEntity;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.RawString;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan pages: the list of plans, one plan's board with live updates (server-sent events), and the operator
 * actions from its buttons. The actions take the same roles as the REST API's ({@code operator}; {@code approver}
 * to approve) and additionally the session's CSRF token; each needs a reason, recorded in the audit trail with the
 * token's subject as the actor.
 */
@Path(DashboardSession.ROOT + "/plans")
public class PlanScreen {

    /** An idle event stream sends a ping this often, so proxies keep it open and a dead one is noticed. */
    static final Duration PING = Duration.ofSeconds(15);

    private final PlanBoards boards;
    private final PlanChanges changes;
    private final PlanRunner runner;
    private final Viewer viewer;
    private final ObjectMapper json;

    PlanScreen(PlanBoards boards, PlanChanges changes, PlanRunner runner, Viewer viewer, ObjectMapper json) {
        this.boards = boards;
        this.changes = changes;
        this.runner = runner;
        this.viewer = viewer;
        this.json = json;
    }

    /**
     * A plan in the list.
     *
     * @param planId        the plan
     * @param name          its name
     * @param targetVersion its target
     * @param state         its state
     * @param createdBy     who created it
     * @param createdAt     when, for people
     * @param succeeded     clusters that succeeded
     * @param total         its clusters
     */
    public record PlanRow(String planId, String name, String targetVersion, String state, String createdBy,
                          String createdAt, int succeeded, int total) {
    }

    @GET
    @PermitAll // signed-in viewers only: checked in the method, so that a browser is sent to the login page
    @Produces(MediaType.TEXT_HTML)
    public Response list(@CookieParam(DashboardSession.COOKIE) String session, @Context UriInfo uri) {
        return Pages.refuse(viewer, uri, session).orElseGet(() -> {
            List<PlanRow> rows = QuarkusTransaction.requiringNew().call(() -> PlanEntity.<PlanEntity>findAll(
                    Sort.descending("createdAt")).page(Page.ofSize(100)).list().stream().map(this::row).toList());
            return Pages.ok(Templates.plans(viewer.page("Plans", "plans", session), rows));
        });
    }

    @GET
    @Path("/{planId}")
    @PermitAll // signed-in viewers only: checked in the method
    @Produces(MediaType.TEXT_HTML)
    public Response plan(@PathParam("planId") String planId, @CookieParam(DashboardSession.COOKIE) String session,
                         @Context UriInfo uri) {
        return Pages.refuse(viewer, uri, session).orElseGet(() -> {
            Optional<PlanBoard> board = boards.board(planId, viewer.permissions());
            if (board.isEmpty()) {
                return Pages.page(Response.status(404), Templates.problem(viewer.page("No such plan", "plans", session),
                        "There is no plan '" + planId + "'. The plan list shows every plan."));
            }
            return Pages.ok(Templates.plan(viewer.page(board.get().name(), "plans", session), planId,
                    new RawString(PlanBoards.html(board.get()))));
        });
    }

    /**
     * The plan's board as server-sent events: a {@code board} event ({@code {"state": .., "html": ..}}) at once and
     * after every change, a {@code ping} when idle.
     */
    @GET
    @Path("/{planId}/events")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking // reads the plan before the stream starts
    public Multi<OutboundSseEvent> events(@PathParam("planId") String planId, @Context Sse sse) {
        PlanBoard.Permissions who = viewer.permissions(); // the request scope ends when the stream starts
        if (QuarkusTransaction.requiringNew().call(() -> PlanEntity.findById(planId)) == null) {
            throw new NotFoundException("no plan '" + planId + "'");
        }
        Multi<OutboundSseEvent> boardEvents = Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(planId), changes.stream().filter(planId::equals))
                .onOverflow().dropPreviousItems()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(id -> boards.board(id, who))
                .filter(Optional::isPresent)
                .map(board -> sse.newEventBuilder().name("board").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(boardJson(board.get())).build());
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(PING)
                .map(tick -> sse.newEventBuilder().name("ping").data("{}").build());
        return Multi.createBy().merging().streams(boardEvents, pings);
    }

    @POST
    @Path("/{planId}/start")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("planId") String planId, ActionRequest body, @Context HttpHeaders headers,
                          @CookieParam(DashboardSession.COOKIE) String session,
                          @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.START, body, null, headers, session, csrf);
    }

    @POST
    @Path("/{planId}/pause")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response pause(@PathParam("planId") String planId, ActionRequest body, @Context HttpHeaders headers,
                          @CookieParam(DashboardSession.COOKIE) String session,
                          @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.PAUSE, body, null, headers, session, csrf);
    }

    @POST
    @Path("/{planId}/resume")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("planId") String planId, ActionRequest body, @Context HttpHeaders headers,
                           @CookieParam(DashboardSession.COOKIE) String session,
                           @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.RESUME, body, null, headers, session, csrf);
    }

    @POST
    @Path("/{planId}/abort")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response abort(@PathParam("planId") String planId, ActionRequest body, @Context HttpHeaders headers,
                          @CookieParam(DashboardSession.COOKIE) String session,
                          @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.ABORT, body, null, headers, session, csrf);
    }

    @POST
    @Path("/{planId}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("planId") String planId, ActionRequest body, @Context HttpHeaders headers,
                            @CookieParam(DashboardSession.COOKIE) String session,
                            @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.APPROVE, body, null, headers, session, csrf);
    }

    @POST
    @Path("/{planId}/clusters/{clusterId}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response retry(@PathParam("planId") String planId, @PathParam("clusterId") String clusterId,
                          ActionRequest body, @Context HttpHeaders headers,
                          @CookieParam(DashboardSession.COOKIE) String session,
                          @HeaderParam(DashboardSession.CSRF_HEADER) String csrf) {
        return act(planId, OperatorAction.RETRY, body, clusterId, headers, session, csrf);
    }

    private Response act(String planId, OperatorAction action, ActionRequest body, String clusterId,
                         HttpHeaders headers, String session, String csrf) {
        if (!Pages.fromDashboard(headers, session, csrf)) {
            return Response.status(403).entity(new ErrorBody("this request did not come from a dashboard page (CSRF "
                    + "token missing or wrong): reload the page and try again", List.of())).build();
        }
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            return Response.status(400).entity(new ErrorBody("a reason is required; it is recorded in the audit trail",
                    List.of())).build();
        }
        Observation.Operator request = new Observation.Operator(action, viewer.name(), body.reason().strip(),
                body.wave(), clusterId);
        Optional<Decision> decision = QuarkusTransaction.requiringNew().call(() -> runner.pass(planId,
                List.of(request)));
        if (decision.isEmpty()) {
            return Response.status(404).entity(new ErrorBody("no plan '" + planId + "'", List.of())).build();
        }
        changes.touch(planId);
        if (decision.get().rejection().isPresent()) {
            return Response.status(409).entity(new ErrorBody(decision.get().rejection().get().reason(), List.of()))
                    .build();
        }
        Optional<PlanBoard> board = boards.board(planId, viewer.permissions());
        return Response.ok(board.map(this::boardJson).orElse("{}")).build();
    }

    private String boardJson(PlanBoard board) {
        try {
            return json.writeValueAsString(Map.of("planId", board.planId(), "state", board.state().name(),
                    "html", PlanBoards.html(board)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the board of " + board.planId(), e);
        }
    }

    private PlanRow row(PlanEntity row) {
        Rollout rollout = runner.read(row);
        int succeeded = (int) rollout.clusters().values().stream()
                .filter(c -> c.step() == io.meshfleet.orchestrator.plan.ClusterStep.SUCCEEDED).count();
        return new PlanRow(row.planId, row.name, row.targetVersion, rollout.state().name(), row.createdBy,
                io.meshfleet.orchestrator.dashboard.view.Texts.time(row.createdAt), succeeded,
                rollout.clusters().size());
    }
}
