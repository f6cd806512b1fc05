package io.meshfleet.orchestrator.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A filtered page of the audit trail: every filter is optional; entries come in trail order after
 * the cursor {@code afterSeq}.
 */
public record AuditQuery(String planId, String clusterId, String actor, String type, Instant from, Instant to,
                         long afterSeq, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The SQL WHERE clause (without the keyword) and its parameters, in order. */
    Where where() {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(terms, params, "plan_id = ?", planId);
        add(terms, params, "cluster_id = ?", clusterId);
        add(terms, params, "actor = ?", actor);
        add(terms, params, "type = ?", type);
        add(terms, params, "at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(terms, params, "at < ?", to == null ? null : java.sql.Timestamp.from(to));
        terms.add("seq > ?");
        params.add(afterSeq);
        return new Where(String.join(" AND ", terms), params);
    }

    private static void add(List<String> terms, List<Object> params, String term, Object value) {
        if (value != null) {
            terms.add(term);
            params.add(value);
        }
    }

    record Where(String sql, List<Object> params) {
    }
}
