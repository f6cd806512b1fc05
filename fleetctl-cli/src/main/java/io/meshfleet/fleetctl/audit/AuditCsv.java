package io.meshfleet.fleetctl.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Audit entries as CSV (RFC 4180): the columns and header of the orchestrator's own export
 * ({@code GET /api/v1/audit/export?format=csv}), from the JSON of its {@code AuditEntry} (seq, at, actor, planId,
 * wave, clusterId, namespace, type, from, to, reason, correlationId, prevHash, hash). A field holding a comma, a
 * double quote, a line break or leading/trailing blanks is quoted, with its double quotes doubled; null is empty. Pure.
 */
public final class AuditCsv {

    /** The header line. */
    public static final String HEADER = "seq,at,actor,plan_id,wave,cluster_id,namespace,type,from,to,reason,"
            + "correlation_id,prev_hash,hash";

    private static final String[] FIELDS = {"seq", "at", "actor", "planId", "wave", "clusterId", "namespace", "type",
        "from", "to", "reason", "correlationId", "prevHash", "hash"};

    private AuditCsv() {
    }

    /** One entry's line, without the line break. */
    public static String line(JsonNode entry) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < FIELDS.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            JsonNode value = entry.path(FIELDS[i]);
            line.append(value.isMissingNode() || value.isNull() ? "" : quoted(value.asText()));
        }
        return line.toString();
    }

    /** {@code value} as one CSV field. */
    static String quoted(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1))));
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
