package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.inventory.Inventory;
import jakarta.ws.rs.GET;
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
public class ClusterResource {

    private final Inventory inventory;

    ClusterResource(Inventory inventory) {
        this.inventory = inventory;
    }

    @GET
    @Operation(summary = "Every cluster an agent has reported, ordered by id")
    public List<ClusterView> list() {
        return inventory.all().stream().map(ClusterView::of).toList();
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
