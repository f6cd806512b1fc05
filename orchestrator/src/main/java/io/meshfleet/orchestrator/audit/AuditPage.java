package io.meshfleet.orchestrator.audit;

import java.util.List;

/** A page of audit entries; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntry> entries, Long nextCursor) {
}
