package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.ArtifactEvent;
import io.meshfleet.events.ReleaseRejected;
import io.meshfleet.events.ReleaseVerified;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.orchestrator.plan.ArtifactStatus;
import io.meshfleet.orchestrator.rollout.ActivePlans;
import io.meshfleet.orchestrator.rollout.ArtifactReleaseEntity;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records which release archives artifact-service verified or rejected, and wakes the active plans. */
@ApplicationScoped
public class ArtifactEventsConsumer {

    static final String CHANNEL = "artifact-events";

    private final InboundEnvelopes inbound;
    private final ActivePlans plans;
    private final PlanRunner runner;
    private final Clock clock;

    ArtifactEventsConsumer(InboundEnvelopes inbound, ActivePlans plans, PlanRunner runner, Clock clock) {
        this.inbound = inbound;
        this.plans = plans;
        this.runner = runner;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, envelope -> {
            ArtifactEvent event = InboundEnvelopes.dataAs(envelope, ArtifactEvent.class);
            if (event instanceof ReleaseVerified v) {
                upsert(v.version(), v.platform(), ArtifactStatus.State.VERIFIED, v.sha256(),
                        "verified with key " + v.keyId() + " from " + v.source());
            } else if (event instanceof ReleaseRejected r) {
                upsert(r.version(), r.platform(), ArtifactStatus.State.REJECTED, null, r.reason() + ": " + r.detail());
            }
            for (String planId : plans.all()) {
                runner.pass(planId, List.of());
            }
        });
    }

    private void upsert(String version, String platform, ArtifactStatus.State state, String sha256, String detail) {
        ArtifactReleaseEntity row = ArtifactReleaseEntity.findById(new ArtifactReleaseEntity.Key(version, platform));
        if (row == null) {
            row = new ArtifactReleaseEntity();
            row.version = version;
            row.platform = platform;
        }
        row.state = state.name();
        row.sha256 = sha256;
        row.detail = detail;
        row.updatedAt = clock.instant();
        row.persist();
    }
}
