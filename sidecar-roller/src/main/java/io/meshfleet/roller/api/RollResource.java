package io.meshfleet.roller.api;

import io.meshfleet.roller.engine.RollEngine;
import io.meshfleet.roller.roll.SidecarRoll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The rolls the roller is running: status, namespaces, what was restarted and what waits and why. */
@Path("/api/v1/rolls")
@Produces(MediaType.APPLICATION_JSON)
public class RollResource {

    /** One unfinished roll. */
    public record RollView(String planId, String clusterId, String status, String targetProxyVersion,
                           List<SidecarRoll.NamespaceView> namespaces) {
    }

    private final RollEngine engine;

    RollResource(RollEngine engine) {
        this.engine = engine;
    }

    @GET
    @Operation(summary = "The unfinished rolls, with each namespace's phase, restarts and blocked workloads")
    public List<RollView> list() {
        return engine.rolls(roll -> new RollView(roll.planId(), roll.clusterId(), roll.status().name(),
                roll.command().targetProxyVersion(), roll.namespaces()));
    }
}
