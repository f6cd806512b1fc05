package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollerEvent;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.orchestrator.audit.AuditEntry;
import io.meshfleet.orchestrator.audit.AuditTrail;
import io.meshfleet.orchestrator.plan.Decider;
import io.meshfleet.orchestrator.plan.Observation;
import io.meshfleet.orchestrator.rollout.ActivePlans;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds sidecar-roller's events to their plan: a failed namespace fails the cluster; a converged
 * namespace goes to the audit trail (with its namespace). The end of a cluster's roll is judged from
 * the agent's state reports, which prove every sidecar runs the target.
 */
@ApplicationScoped
public class RollerEventsConsumer {

    static final String CHANNEL = "roller-events";

    private final InboundEnvelopes inbound;
    private final ActivePlans plans;
    private final PlanRunner runner;
    private final AuditTrail audit;
    private final Clock clock;

    RollerEventsConsumer(InboundEnvelopes inbound, ActivePlans plans, PlanRunner runner, AuditTrail audit,
                         Clock clock) {
        this.inbound = inbound;
        this.plans = plans;
        this.runner = runner;
        this.audit = audit;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, envelope -> {
            RollerEvent event = InboundEnvelopes.dataAs(envelope, RollerEvent.class);
            if (event instanceof RollFailed failed) {
                String description = RollFailures.describe(failed);
                for (String planId : plans.forAnswer(failed.planId(), failed.clusterId())) {
                    runner.pass(planId, List.of(new Observation.RollFailed(failed.clusterId(),
                            envelope.correlationId(), failed.namespace(), description)));
                }
                audit.append(new AuditEntry(0, clock.instant(), "sidecar-roller", failed.planId(), null,
                        failed.clusterId(), failed.namespace(), "NAMESPACE_FAILED", null, null, description,
                        envelope.correlationId(), null, null));
            } else if (event instanceof NamespaceConverged converged) {
                audit.append(new AuditEntry(0, clock.instant(), "sidecar-roller", converged.planId(), null,
                        converged.clusterId(), converged.namespace(), "NAMESPACE_CONVERGED", null, null,
                        converged.pods() + " pods at the target", envelope.correlationId(), null, null));
            }
        });
    }
}
