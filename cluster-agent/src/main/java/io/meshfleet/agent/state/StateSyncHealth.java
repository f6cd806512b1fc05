package io.meshfleet.agent.state;

import io.meshfleet.agent.model.SyncPacing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code cluster-state-sync}: how many served clusters' state informers have synced, how many
 * are still syncing, and each failing cluster with its failures, last error and next retry. DOWN only while no
 * cluster at all has synced: an agent of 500 clusters with one unreachable keeps serving the 499 (its commands and
 * reports), so a Kubernetes readiness probe must not take it out; the failing one is named here and in the log.
 */
@Readiness
@ApplicationScoped
public class StateSyncHealth implements HealthCheck {

    private final StateReporters reporters;

    StateSyncHealth(StateReporters reporters) {
        this.reporters = reporters;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster-state-sync");
        Optional<SyncPacing.Summary> sync = reporters.sync();
        if (sync.isEmpty()) {
            return response.up().withData("state-reports", "disabled or not started").build();
        }
        SyncPacing.Summary summary = sync.get();
        response.withData("synced", summary.synced()).withData("syncing", summary.syncing())
                .withData("failing", summary.failing().size());
        for (SyncPacing.ClusterSync failing : summary.failing()) {
            response.withData(failing.cluster(), failing.failures() + " failed attempt(s), last: " + failing.lastError()
                    + (failing.retryAt() == null ? "; retrying now" : "; next retry at " + failing.retryAt()));
        }
        return response.status(summary.total() == 0 || summary.synced() > 0).build();
    }
}
