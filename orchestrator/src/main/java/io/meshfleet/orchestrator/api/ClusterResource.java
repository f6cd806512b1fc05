package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.inventory.Inventory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.util.HashMap;
import java.util.Map;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The fleet inventory over REST. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
public class ClusterResource {

    private final Inventory inventory;

    ClusterResource(Inventory inventory) {
        this.inventory = inventory;
    }

    @GET
    @Operation(summary = "Every cluster an agent has reported, ordered by id; filter by label (key=value, "
            + "repeatable), mesh version and kind (USER or ADMIN)")
    public List<ClusterView> list(@QueryParam("label") List<String> labels, @QueryParam("version") String version,
                                  @QueryParam("kind") String kind) {
        Map<String, String> wanted = new HashMap<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            int eq = label.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("label must be key=value, was " + label);
            }
            wanted.put(label.substring(0, eq), label.substring(eq + 1));
        }
        return inventory.all().stream()
                .filter(c -> wanted.entrySet().stream().allMatch(w -> w.getValue().equals(c.labels.get(w.getKey()))))
                .filter(c -> version == null || version.equals(c.meshVersion))
                .filter(c -> kind == null || kind.equalsIgnoreCase(c.clusterKind))
                .map(ClusterView::of).toList();
    }

    @GET
    @Path("/{clusterId}")
    @Operation(summary = "One cluster as its agent last reported it")
    public ClusterView get(@PathParam("clusterId") String clusterId) {
        return inventory.find(clusterId).map(ClusterView::of)
                .orElseThrow(() -> new NotFoundException("no cluster '" + clusterId + "' has reported; "
                        + "check that its agent runs and can reach Kafka"));
    }
}
