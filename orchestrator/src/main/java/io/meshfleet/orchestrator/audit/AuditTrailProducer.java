package io.meshfleet.orchestrator.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Supplies the {@link AuditTrail} on the default datasource. */
@Singleton
public class AuditTrailProducer {

    @Produces
    @Singleton
    AuditTrail auditTrail(AgroalDataSource dataSource, MeterRegistry meters) {
        return new AuditTrail(dataSource, meters);
    }
}
