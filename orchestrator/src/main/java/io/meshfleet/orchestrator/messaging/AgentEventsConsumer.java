package io.meshfleet.orchestrator.messaging;

import io.meshfleet.events.AgentEvent;
import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallResult;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import io.meshfleet.events.SmokeTestResult;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.orchestrator.plan.Observation;
import io.meshfleet.orchestrator.rollout.ActivePlans;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the agents' answers (preflight, install, smoke test results, refusals) into the decision
 * pass of their plan, in the transaction that also records the message id (dedupe).
 */
@ApplicationScoped
public class AgentEventsConsumer {

    static final String CHANNEL = "agent-events";

    private final InboundEnvelopes inbound;
    private final ActivePlans plans;
    private final PlanRunner runner;

    AgentEventsConsumer(InboundEnvelopes inbound, ActivePlans plans, PlanRunner runner) {
        this.inbound = inbound;
        this.plans = plans;
        this.runner = runner;
    }

    // Blocking: the decision pass writes to PostgreSQL through JDBC.
    @Incoming(CHANNEL)
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, envelope -> {
            AgentEvent event = InboundEnvelopes.dataAs(envelope, AgentEvent.class);
            Observation observation = observation(envelope, event);
            if (observation == null) {
                return; // progress reports and restarts are the roller's business
            }
            String clusterId = envelope.subject();
            for (String planId : plans.forAnswer(envelope.planId(), clusterId)) {
                runner.pass(planId, List.of(observation));
            }
        });
    }

    /** The most a failed install's audit reason quotes of the agent's output. */
    static final int OUTPUT_EXCERPT = 400;

    /**
     * What the trail says of a failed install: the agent's reason and the first line of its output, which says what
     * failed (the agent puts its own verdict there, before the installer's log), cut to {@value #OUTPUT_EXCERPT}
     * characters; null on success.
     */
    static String failure(InstallResult result) {
        if (result.succeeded()) {
            return null;
        }
        String first = result.output().strip().lines().findFirst().orElse("").strip();
        if (first.length() > OUTPUT_EXCERPT) {
            first = first.substring(0, OUTPUT_EXCERPT) + "...";
        }
        return first.isEmpty() ? result.reason() : result.reason() + ": " + first;
    }

    static Observation observation(Envelope envelope, AgentEvent event) {
        String correlation = envelope.correlationId();
        if (event instanceof PreflightResult r) {
            String detail = r.items().stream().filter(i -> i.status() != PreflightStatus.PASS)
                    .map(PreflightItem::toString).collect(Collectors.joining("; "));
            return new Observation.PreflightDone(r.clusterId(), correlation, r.passed(),
                    r.clusterKind() == ClusterKind.ADMIN, r.currentVersion(), r.overlay(),
                    detail.isEmpty() ? "all checks passed" : detail);
        }
        if (event instanceof InstallResult r) {
            return new Observation.InstallDone(r.clusterId(), correlation, r.version(), r.succeeded(), failure(r));
        }
        if (event instanceof SmokeTestResult r) {
            return new Observation.SmokeResult(r.clusterId(), correlation, r.check(), r.passed(), r.detail());
        }
        if (event instanceof CommandRefused r) {
            return new Observation.Refused(r.clusterId(), correlation, r.commandType(), r.reason() + " " + r.detail());
        }
        return null;
    }
}
