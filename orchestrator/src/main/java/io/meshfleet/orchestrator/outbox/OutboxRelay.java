package io.meshfleet.orchestrator.outbox;

import io.meshfleet.orchestrator.leader.Leadership;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to Kafka in seq order, one record at a time: a row is marked sent only after the
 * broker acknowledged it, and the next is sent only then, so per-cluster order holds. A failed send
 * stops the round; the next round starts again at the first unsent row. Runs only on the active
 * orchestrator instance ({@link Leadership}), and stops within a row when this instance stops being active. A row
 * sent twice anyway (a crash between the ack and the mark, or two instances briefly both active) is harmless:
 * signed agent commands carry a fixed nonce that agents refuse as REPLAYED, and the roller drops a message id it
 * has seen.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final long ACK_WAIT_SECONDS = 15;

    private final Emitter<byte[]> channel;
    private final Clock clock;
    private final Leadership leadership;

    OutboxRelay(@Channel("commands-out") Emitter<byte[]> channel, Clock clock, Leadership leadership) {
        this.channel = channel;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Scheduled(every = "${meshfleet.outbox.poll-interval:0.5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!leadership.isActive()) {
            return;
        }
        while (relayBatch() == BATCH) {
            // a full batch: there may be more
        }
    }

    /** Relays up to one batch while this instance is active; returns how many rows were sent. */
    public int relayBatch() {
        List<OutboxEntity> unsent = QuarkusTransaction.requiringNew().call(() ->
                OutboxEntity.<OutboxEntity>find("sentAt is null order by seq").page(0, BATCH).list());
        int sent = 0;
        for (OutboxEntity row : unsent) {
            if (!leadership.isActive() || !send(row)) {
                break;
            }
            QuarkusTransaction.requiringNew().run(() ->
                    OutboxEntity.update("sentAt = ?1 where seq = ?2", clock.instant(), row.seq));
            sent++;
        }
        return sent;
    }

    private boolean send(OutboxEntity row) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic).withKey(row.key).build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        channel.send(Message.of(row.payload, Metadata.of(metadata), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            acked.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        try {
            acked.get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("outbox row %d (%s to %s) not acknowledged, will retry: %s", row.seq, row.messageId, row.topic,
                    e instanceof ExecutionException ? e.getCause() : e);
            return false;
        }
    }
}
