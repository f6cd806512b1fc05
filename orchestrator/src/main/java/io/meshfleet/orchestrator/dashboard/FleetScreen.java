package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.dashboard.view.FleetOverview;
import io.meshfleet.orchestrator.inventory.ClusterEntity;
import io.meshfleet.orchestrator.inventory.Inventory;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The fleet page: clusters by mesh version and health, filtered by labels, admin clusters marked. */
@Path(DashboardSession.ROOT + "/fleet")
@PermitAll // signed-in viewers only: checked in the method, so that a browser is sent to the login page
public class FleetScreen {

    private final Inventory inventory;
    private final Viewer viewer;
    private final Clock clock;
    private final Duration unreachableAfter;

    FleetScreen(Inventory inventory, Viewer viewer, Clock clock,
                @ConfigProperty(name = "meshfleet.orchestrator.unreachable-after") Duration unreachableAfter) {
        this.inventory = inventory;
        this.viewer = viewer;
        this.clock = clock;
        this.unreachableAfter = unreachableAfter;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("label") String label, @CookieParam(DashboardSession.COOKIE) String session,
                         @Context UriInfo uri) {
        return Pages.refuse(viewer, uri, session).orElseGet(() -> {
            String error = null;
            Map<String, String> filter;
            try {
                filter = FleetOverview.parseFilter(label);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                filter = Map.of();
            }
            List<FleetOverview.ClusterFact> facts = inventory.all().stream().map(FleetScreen::fact).toList();
            FleetOverview fleet = FleetOverview.of(facts, filter, clock.instant(), unreachableAfter);
            return Pages.ok(Templates.fleet(viewer.page("Fleet", "fleet", session), fleet, label == null ? "" : label,
                    error));
        });
    }

    private static FleetOverview.ClusterFact fact(ClusterEntity row) {
        return new FleetOverview.ClusterFact(row.clusterId, "ADMIN".equalsIgnoreCase(row.clusterKind), row.labels,
                row.meshVersion, row.controlPlaneReadyPods, row.controlPlanePods, row.workloadReadyPods,
                row.workloadPods, row.lastSeen);
    }
}
