package io.meshfleet.roller.api;

import io.meshfleet.events.ClusterState;
import io.meshfleet.roller.messaging.LatestClusterStates;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the roller currently believes about a cluster: the state report it paces restarts by. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterViewResource {

    /** The roller's view of one cluster. */
    public record ClusterView(String clusterId, long observedGeneration, Instant observedAt, List<String> namespaces) {
    }

    private final LatestClusterStates states;

    ClusterViewResource(LatestClusterStates states) {
        this.states = states;
    }

    @GET
    @Path("/{clusterId}")
    @Operation(summary = "The latest state report the roller holds for a cluster")
    public ClusterView get(@PathParam("clusterId") String clusterId) {
        ClusterState state = states.of(clusterId).orElseThrow(() -> new NotFoundException(
                "the roller has no state report from cluster '" + clusterId + "': check that its agent runs"));
        return new ClusterView(state.clusterId(), state.observedGeneration(), state.observedAt(),
                state.namespaces().stream().map(ns -> ns.name()).toList());
    }
}
