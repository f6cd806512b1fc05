package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.dashboard.view.PlanBoard;
import io.meshfleet.orchestrator.dashboard.view.ProgressLedger;
import io.meshfleet.orchestrator.rollout.PlanEntity;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/** Reads a plan and renders its board (the part of the plan page that live updates replace). */
@ApplicationScoped
public class PlanBoards {

    private final PlanRunner runner;
    private final ProgressLedger progress;
    private final Clock clock;

    PlanBoards(PlanRunner runner, ProgressLedger progress, Clock clock) {
        this.runner = runner;
        this.progress = progress;
        this.clock = clock;
    }

    /** The board of {@code planId} as {@code who} sees it; empty when there is no such plan. */
    public Optional<PlanBoard> board(String planId, PlanBoard.Permissions who) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            PlanEntity row = PlanEntity.findById(planId);
            if (row == null) {
                return Optional.<PlanBoard>empty();
            }
            return Optional.of(PlanBoard.of(runner.read(row), row.name, progress.forPlan(planId), who,
                    clock.instant()));
        });
    }

    /** The board's HTML. */
    public static String html(PlanBoard board) {
        return Templates.planBody(board).render();
    }
}
