package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.dashboard.view.ProgressLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one {@link ProgressLedger} of this instance, bounded by {@code meshfleet.dashboard.progress-plans}. */
@ApplicationScoped
public class ProgressLedgerProducer {

    @Produces
    @Singleton
    ProgressLedger ledger(@ConfigProperty(name = "meshfleet.dashboard.progress-plans", defaultValue = "50") int plans) {
        return new ProgressLedger(plans);
    }
}
