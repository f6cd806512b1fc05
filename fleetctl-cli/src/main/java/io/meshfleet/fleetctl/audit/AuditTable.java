package io.meshfleet.fleetctl.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.TextTable;
import java.util.ArrayList;
import java.util.List;

/** The table of {@code fleetctl audit}: one row per {@code AuditEntry} of the orchestrator's JSON. Pure. */
public final class AuditTable {

    /** Reasons are cut to this many characters, with {@code ...}. */
    static final int REASON = 80;

    private AuditTable() {
    }

    /** The header and one aligned line per entry. */
    public static List<String> lines(List<JsonNode> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SEQ", "TIME", "ACTOR", "PLAN", "WAVE", "CLUSTER", "TYPE", "CHANGE", "REASON"});
        for (JsonNode entry : entries) {
            String from = text(entry.path("from"));
            String to = text(entry.path("to"));
            rows.add(new String[] {entry.path("seq").asText(), dash(entry.path("at")), dash(entry.path("actor")),
                dash(entry.path("planId")), dash(entry.path("wave")), dash(entry.path("clusterId")),
                dash(entry.path("type")), from.isEmpty() && to.isEmpty() ? "-" : (from.isEmpty() ? "-" : from) + " -> "
                        + (to.isEmpty() ? "-" : to), cut(text(entry.path("reason"))) });
        }
        return TextTable.lines(rows);
    }

    private static String cut(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (oneLine.isEmpty()) {
            return "-";
        }
        return oneLine.length() <= REASON ? oneLine : oneLine.substring(0, REASON - 3) + "...";
    }

    private static String dash(JsonNode value) {
        String text = text(value);
        return text.isEmpty() ? "-" : text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
