package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.orchestrator.dashboard.view.ProgressLedger;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds sidecar-roller's {@code NamespaceProgress} and {@code NamespaceConverged} events into the
 * {@link ProgressLedger} for the plan pages.
 * A view, not a consumer of record: every orchestrator instance reads the whole {@code fleet.roller.events} topic
 * in a consumer group of its own that commits nothing (so it rebuilds the ledger from the topic after a restart),
 * and records it cannot decode are skipped here; the durable {@code roller-events} consumer dead-letters them.
 */
@ApplicationScoped
public class ProgressFeed {

    static final String CHANNEL = "dashboard-progress";
    private static final Logger LOG = Logger.getLogger(ProgressFeed.class);

    private final EnvelopeCodec codec;
    private final ProgressLedger ledger;
    private final PlanChanges changes;

    ProgressFeed(EnvelopeCodec codec, ProgressLedger ledger, PlanChanges changes) {
        this.codec = codec;
        this.ledger = ledger;
        this.changes = changes;
    }

    @Incoming(CHANNEL)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        Envelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.debugf("dashboard skips an undecodable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (envelope.data() instanceof NamespaceProgress p && ledger.record(p.planId(), p.clusterId(), p.namespace(),
                p.restarted(), p.converged(), p.total(), p.etaSeconds(), envelope.time())) {
            changes.touch(p.planId());
        } else if (envelope.data() instanceof NamespaceConverged c && ledger.record(c.planId(), c.clusterId(),
                c.namespace(), c.pods(), c.pods(), c.pods(), 0, envelope.time())) {
            changes.touch(c.planId()); // the last progress event may predate the last pod's convergence
        }
    }
}
