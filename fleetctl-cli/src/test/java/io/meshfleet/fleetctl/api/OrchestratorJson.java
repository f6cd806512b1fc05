package io.meshfleet.fleetctl.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON answers exactly as the orchestrator writes them, built field by field from its DTO classes (named at each
 * method), with Quarkus' Jackson defaults (quarkus-jackson 3.33.2 {@code JacksonBuildTimeConfig}:
 * write-dates-as-timestamps=false, write-durations-as-timestamps=true, no serialization-inclusion; the orchestrator
 * customizes none): {@code Instant} as ISO-8601 text, {@code Duration} as decimal seconds ({@code 300.000000000}),
 * enums by name, nulls written.
 */
public final class OrchestratorJson {

    private OrchestratorJson() {
    }

    static ObjectNode object() {
        return RestClient.json().createObjectNode();
    }

    static ArrayNode array() {
        return RestClient.json().createArrayNode();
    }

    /** A {@code java.time.Duration} as Jackson writes it with WRITE_DURATIONS_AS_TIMESTAMPS: decimal seconds. */
    public static BigDecimal duration(Duration d) {
        return new BigDecimal(d.getSeconds() + "." + String.format("%09d", d.getNano()));
    }

    /** orchestrator {@code api.ClusterView}. */
    public static ObjectNode cluster(String clusterId, String kind, Map<String, String> labels, String meshVersion,
                                     int workloadPods, int workloadReadyPods, Map<String, Integer> proxyVersions,
                                     Instant lastSeen) {
        ObjectNode c = object();
        c.put("clusterId", clusterId);
        c.put("clusterKind", kind);
        ObjectNode l = c.putObject("labels");
        labels.forEach(l::put);
        c.put("meshVersion", meshVersion);
        c.put("controlPlaneVersion", meshVersion);
        c.put("controlPlanePods", 2);
        c.put("controlPlaneReadyPods", 2);
        c.put("workloadPods", workloadPods);
        c.put("workloadReadyPods", workloadReadyPods);
        ObjectNode p = c.putObject("proxyVersions");
        proxyVersions.forEach(p::put);
        c.put("observedGeneration", 7);
        c.put("lastSeen", lastSeen.toString());
        return c;
    }

    /** orchestrator {@code audit.AuditEntry}. */
    public static ObjectNode auditEntry(long seq, Instant at, String actor, String planId, Integer wave, String clusterId,
                                       String type, String from, String to, String reason) {
        ObjectNode e = object();
        e.put("seq", seq);
        e.put("at", at.toString());
        e.put("actor", actor);
        e.put("planId", planId);
        if (wave == null) {
            e.putNull("wave");
        } else {
            e.put("wave", wave);
        }
        e.put("clusterId", clusterId);
        e.putNull("namespace");
        e.put("type", type);
        e.put("from", from);
        e.put("to", to);
        e.put("reason", reason);
        e.put("correlationId", clusterId == null ? null : "corr-" + seq);
        e.put("prevHash", String.format("%064x", seq - 1));
        e.put("hash", String.format("%064x", seq));
        return e;
    }

    /** orchestrator {@code audit.AuditPage}. */
    public static String auditPage(Long nextCursor, JsonNode... entries) {
        ObjectNode page = object();
        ArrayNode list = page.putArray("entries");
        for (JsonNode entry : entries) {
            list.add(entry);
        }
        if (nextCursor == null) {
            page.putNull("nextCursor");
        } else {
            page.put("nextCursor", nextCursor);
        }
        return page.toString();
    }

    /** orchestrator {@code audit.Verification}. */
    public static String verification(boolean valid, long checked, Long firstBroken, String problem) {
        ObjectNode v = object();
        v.put("valid", valid);
        v.put("checked", checked);
        if (firstBroken == null) {
            v.putNull("firstBroken");
        } else {
            v.put("firstBroken", firstBroken);
        }
        v.put("problem", problem);
        return v.toString();
    }

    /** orchestrator {@code api.ErrorBody} without field errors. */
    public static String error(String message) {
        ObjectNode e = object();
        e.put("error", message);
        e.putArray("errors");
        return e.toString();
    }

    /** orchestrator {@code api.ErrorBody} of an invalid plan: {@code plan.FieldError}s as field, message pairs. */
    public static String invalidPlan(String... fieldsAndMessages) {
        ObjectNode e = object();
        e.put("error", "the plan is invalid; fix the listed fields");
        ArrayNode errors = e.putArray("errors");
        for (int i = 0; i < fieldsAndMessages.length; i += 2) {
            errors.addObject().put("field", fieldsAndMessages[i]).put("message", fieldsAndMessages[i + 1]);
        }
        return e.toString();
    }

    /** One wave of a {@link Plan}: its {@code plan.WaveSpec} and its {@code plan.Rollout.WaveRun}. */
    public record Wave(int maxConcurrency, int maxFailures, Duration soak, boolean requireApproval) {
    }

    /**
     * orchestrator {@code api.PlanView}: planId, name, targetVersion, state, createdBy, createdAt, updatedAt, spec
     * ({@code plan.PlanSpec}), waves ({@code plan.Rollout.WaveRun}), clusters ({@code plan.Rollout.ClusterRun}).
     */
    public static final class Plan {
        private final ObjectNode view = object();
        private final Map<String, ObjectNode> clusters = new LinkedHashMap<>();
        private final ArrayNode waveRuns;
        private final ArrayNode waveSpecs;

        public Plan(String planId, String state, Instant createdAt) {
            view.put("planId", planId);
            view.put("name", "prod-to-1.5.10");
            view.put("targetVersion", "1.5.10-asm.2");
            view.put("state", state);
            view.put("createdBy", "alice");
            view.put("createdAt", createdAt.toString());
            view.put("updatedAt", createdAt.toString());
            ObjectNode spec = view.putObject("spec");
            spec.put("name", "prod-to-1.5.10");
            spec.put("targetVersion", "1.5.10-asm.2");
            spec.put("fromVersion", "1.6.14-asm.1");
            spec.put("profile", "asm-multicloud");
            spec.put("platform", "linux");
            spec.put("installer", "ISTIOCTL");
            ObjectNode selector = spec.putObject("selector");
            selector.putObject("matchLabels").put("env", "prod");
            selector.putArray("clusters");
            waveSpecs = spec.putArray("waves");
            spec.putObject("sidecarLimits").put("podsPerMinutePerNamespace", 100).put("podsPerMinutePerCluster", 100)
                    .put("maxUnavailable", "25%");
            spec.putArray("smokeTests");
            spec.put("failurePolicy", "HALT");
            ObjectNode deadlines = spec.putObject("deadlines");
            deadlines.put("artifact", duration(Duration.ofMinutes(30)));
            deadlines.put("preflight", duration(Duration.ofMinutes(5)));
            deadlines.put("install", duration(Duration.ofMinutes(15)));
            deadlines.put("controlPlaneReady", duration(Duration.ofMinutes(10)));
            deadlines.put("sidecars", duration(Duration.ofMinutes(60)));
            deadlines.put("smokeTests", duration(Duration.ofMinutes(10)));
            waveRuns = view.putArray("waves");
            view.putArray("clusters");
        }

        public Plan state(String state) {
            view.put("state", state);
            return this;
        }

        /** Adds the next wave (index = waves so far), PENDING, with its spec. */
        public Plan wave(Wave spec, String... clusterIds) {
            int index = waveRuns.size();
            ObjectNode s = waveSpecs.addObject();
            s.putArray("clusters");
            s.put("count", index == 0 ? clusterIds.length : 0);
            s.put("percent", index == 0 ? 0 : 50);
            s.put("maxConcurrency", spec.maxConcurrency());
            s.put("maxFailures", spec.maxFailures());
            s.put("soak", duration(spec.soak()));
            s.put("requireApproval", spec.requireApproval());
            ObjectNode run = waveRuns.addObject();
            run.put("index", index);
            ArrayNode ids = run.putArray("clusters");
            run.put("state", "PENDING");
            run.putNull("startedAt");
            run.putNull("soakUntil");
            run.putNull("approvedBy");
            for (String id : clusterIds) {
                ids.add(id);
                ObjectNode c = object();
                c.put("clusterId", id);
                c.put("wave", index);
                c.put("step", "PENDING");
                c.putNull("stepSince");
                c.put("attempt", 0);
                c.putNull("correlationId");
                c.putNull("previousVersion");
                c.putObject("overlay");
                c.putObject("smokeResults");
                c.putNull("failure");
                c.putNull("failureDetail");
                clusters.put(id, c);
            }
            return this;
        }

        public Plan waveState(int index, String state, Instant startedAt) {
            ObjectNode run = (ObjectNode) waveRuns.get(index);
            run.put("state", state);
            run.put("startedAt", startedAt == null ? null : startedAt.toString());
            return this;
        }

        public Plan soakUntil(int index, Instant until) {
            ((ObjectNode) waveRuns.get(index)).put("soakUntil", until.toString());
            return this;
        }

        public Plan approvedBy(int index, String approver) {
            ((ObjectNode) waveRuns.get(index)).put("approvedBy", approver);
            return this;
        }

        public Plan step(String clusterId, String step, Instant since) {
            ObjectNode c = clusters.get(clusterId);
            c.put("step", step);
            c.put("stepSince", since == null ? null : since.toString());
            if (!"PENDING".equals(step) && c.path("attempt").asInt() == 0) {
                c.put("attempt", 1);
                c.put("correlationId", "corr-" + clusterId + "-1");
                c.put("previousVersion", "1.6.14-asm.1");
            }
            return this;
        }

        public Plan failed(String clusterId, Instant since, String reason, String detail) {
            step(clusterId, "FAILED", since);
            clusters.get(clusterId).put("failure", reason).put("failureDetail", detail);
            return this;
        }

        public Plan attempt(String clusterId, int attempt) {
            clusters.get(clusterId).put("attempt", attempt);
            return this;
        }

        public ObjectNode node() {
            ObjectNode copy = view.deepCopy();
            ArrayNode list = copy.putArray("clusters");
            clusters.values().forEach(c -> list.add(c.deepCopy()));
            return copy;
        }

        public String json() {
            return node().toString();
        }
    }

    /** orchestrator {@code plan.WavePlanner.WavePreview}. */
    public static ObjectNode wavePreview(int index, List<String> clusters, int maxConcurrency, int maxFailures,
                                         Duration soak, boolean requireApproval, Duration etaMin, Duration etaMax) {
        ObjectNode w = object();
        w.put("index", index);
        ArrayNode ids = w.putArray("clusters");
        clusters.forEach(ids::add);
        w.put("maxConcurrency", maxConcurrency);
        w.put("maxFailures", maxFailures);
        w.put("soak", duration(soak));
        w.put("requireApproval", requireApproval);
        w.put("etaMin", duration(etaMin));
        w.put("etaMax", duration(etaMax));
        return w;
    }

    /** orchestrator {@code plan.WavePlanner.Exclusion}. */
    public static ObjectNode exclusion(String clusterId, String reason, String detail) {
        return object().put("clusterId", clusterId).put("reason", reason).put("detail", detail);
    }

    /**
     * orchestrator {@code rollout.PlanService.Prepared} (the dry-run answer): spec ({@code plan.PlanSpec}) and preview
     * ({@code plan.WavePlanner.Preview}: waves, excluded, problems ({@code plan.FieldError}), etaMin, etaMax, artifact
     * ({@code plan.ArtifactStatus}: state, sha256, detail)).
     */
    public static ObjectNode prepared(JsonNode spec, List<ObjectNode> waves, List<ObjectNode> excluded,
                                      List<String> problemFieldsAndMessages, Duration etaMin, Duration etaMax,
                                      String artifactState, String sha256, String detail) {
        ObjectNode prepared = object();
        prepared.set("spec", spec.deepCopy());
        ObjectNode preview = prepared.putObject("preview");
        preview.putArray("waves").addAll(waves);
        preview.putArray("excluded").addAll(excluded);
        ArrayNode problems = preview.putArray("problems");
        for (int i = 0; i < problemFieldsAndMessages.size(); i += 2) {
            problems.addObject().put("field", problemFieldsAndMessages.get(i))
                    .put("message", problemFieldsAndMessages.get(i + 1));
        }
        preview.put("etaMin", duration(etaMin));
        preview.put("etaMax", duration(etaMax));
        preview.putObject("artifact").put("state", artifactState).put("sha256", sha256).put("detail", detail);
        return prepared;
    }

    /** A list answer ({@code List<PlanView>}, {@code List<ClusterView>}). */
    public static String list(List<? extends JsonNode> items) {
        ArrayNode list = array();
        items.forEach(list::add);
        return list.toString();
    }
}
