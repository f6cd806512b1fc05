package io.meshfleet.orchestrator.leader;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /q/health/group/leadership}: UP only on the active instance (503 on a standby), for a person or a script
 * that wants to find the active orchestrator ({@code kubectl exec} or a port-forward per pod). Not a probe: see
 * {@link LeadershipHealth} for why a standby stays ready.
 */
@HealthGroup("leadership")
@ApplicationScoped
public class ActiveInstanceCheck implements HealthCheck {

    private final Leadership leadership;

    ActiveInstanceCheck(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("orchestrator-active").status(leadership.isActive())
                .withData("role", leadership.role().name()).build();
    }
}
