package io.meshfleet.orchestrator.leader;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Leadership in {@code /q/health/ready}, as data ({@code role}, {@code leader}, {@code lease}) of a check that is
 * always UP: a standby is ready, because it serves the REST API (reads and persisted operator requests) and
 * consumes its share of the Kafka partitions; a Service routes to both replicas. A standby that reported not ready
 * would also keep the Deployment from ever being fully available and, counted by the PodDisruptionBudget as the one
 * allowed disruption, block every node drain. Who is active is {@code /q/health/group/leadership}
 * ({@link ActiveInstanceCheck}) and the gauge {@code meshfleet_orchestrator_leader}.
 */
@Readiness
@ApplicationScoped
public class LeadershipHealth implements HealthCheck {

    private final Leadership leadership;

    LeadershipHealth(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("orchestrator-leadership").up()
                .withData("role", leadership.role().name())
                .withData("election", leadership.electionEnabled() ? "lease" : "disabled");
        leadership.election().ifPresent(e -> {
            response.withData("lease", e.terms().lease());
            response.withData("identity", e.terms().identity());
            response.withData("leader", e.leader().orElse("unknown"));
        });
        return response.build();
    }
}
