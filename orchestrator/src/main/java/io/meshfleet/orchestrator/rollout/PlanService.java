package io.meshfleet.orchestrator.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.orchestrator.inventory.Inventory;
import io.meshfleet.orchestrator.plan.ArtifactStatus;
import io.meshfleet.orchestrator.plan.FieldError;
import io.meshfleet.orchestrator.plan.InvalidPlanException;
import io.meshfleet.orchestrator.plan.PlanReader;
import io.meshfleet.orchestrator.plan.PlanSpec;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.orchestrator.plan.WavePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates plans and their dry runs from JSON or YAML documents. */
@ApplicationScoped
public class PlanService {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectMapper json;
    private final Inventory inventory;
    private final PlanRunner runner;
    private final ActivePlans activePlans;
    private final Clock clock;
    private final Duration staleAfter;

    PlanService(ObjectMapper json, Inventory inventory, PlanRunner runner, ActivePlans activePlans, Clock clock,
                @ConfigProperty(name = "meshfleet.orchestrator.unreachable-after", defaultValue = "PT10M")
                Duration staleAfter) {
        this.json = json;
        this.inventory = inventory;
        this.runner = runner;
        this.activePlans = activePlans;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** A parsed, validated plan and its dry run over the current inventory. */
    public record Prepared(PlanSpec spec, WavePlanner.Preview preview) {
    }

    /** A created plan. */
    public record Created(String planId, Prepared prepared) {
    }

    /** Parses, validates and previews {@code document}; throws {@link InvalidPlanException}. */
    @Transactional
    public Prepared prepare(String document, boolean yaml) {
        JsonNode tree;
        try {
            tree = (yaml ? YAML : json).readTree(document);
        } catch (JsonProcessingException e) {
            throw new InvalidPlanException(List.of(new FieldError("$", "not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage())));
        }
        PlanSpec spec = PlanReader.read(tree);
        ArtifactReleaseEntity artifact = ArtifactReleaseEntity.findById(
                new ArtifactReleaseEntity.Key(spec.targetVersion(), spec.platform()));
        ArtifactStatus status = artifact == null ? ArtifactStatus.UNKNOWN
                : new ArtifactStatus(ArtifactStatus.State.valueOf(artifact.state), artifact.sha256, artifact.detail);
        WavePlanner.Preview preview = WavePlanner.preview(spec, inventory.allFacts(), clock.instant(), staleAfter,
                status);
        return new Prepared(spec, preview);
    }

    /** Creates a DRAFT plan from {@code document}; throws {@link InvalidPlanException} if it has problems. */
    @Transactional
    public Created create(String document, boolean yaml, String actor) {
        Prepared prepared = prepare(document, yaml);
        List<FieldError> problems = new ArrayList<>(prepared.preview().problems());
        Map<String, List<String>> held = activePlans.holding(prepared.preview().assignment().stream()
                .flatMap(List::stream).toList());
        for (List<String> wave : prepared.preview().assignment()) {
            for (String cluster : wave) {
                for (String other : held.getOrDefault(cluster, List.of())) {
                    problems.add(new FieldError("selector", "cluster " + cluster + " is already in active plan "
                            + other + "; finish or abort it first"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        String planId = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = clock.instant();
        PlanEntity row = new PlanEntity();
        row.planId = planId;
        row.name = prepared.spec().name();
        row.targetVersion = prepared.spec().targetVersion();
        row.document = document;
        row.createdBy = actor;
        row.createdAt = now;
        row.updatedAt = now;
        Rollout draft = Rollout.draft(planId, prepared.spec(), prepared.preview().assignment());
        runner.create(row, draft, actor, "plan " + row.name + ": " + prepared.spec().targetVersion() + " on "
                + draft.clusters().size() + " clusters in " + draft.waves().size() + " waves");
        return new Created(planId, prepared);
    }
}
