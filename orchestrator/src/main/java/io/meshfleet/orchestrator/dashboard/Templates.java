package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.audit.AuditEntry;
import io.meshfleet.orchestrator.dashboard.view.FleetOverview;
import io.meshfleet.orchestrator.dashboard.view.PlanBoard;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The dashboard's Qute templates (src/main/resources/templates/dashboard), checked at build time. */
@CheckedTemplate(basePath = "dashboard")
final class Templates {

    private Templates() {
    }

    static native TemplateInstance login(String next, String error, boolean retry);

    static native TemplateInstance problem(Viewer.Page page, String message);

    static native TemplateInstance fleet(Viewer.Page page, FleetOverview fleet, String filter, String error);

    static native TemplateInstance plans(Viewer.Page page, List<PlanScreen.PlanRow> plans);

    static native TemplateInstance plan(Viewer.Page page, String planId, RawString body);

    static native TemplateInstance planBody(PlanBoard board);

    static native TemplateInstance audit(Viewer.Page page, AuditScreen.Form form, List<AuditEntry> entries,
                                         String nextPage, String exportJsonl, String exportCsv, String error);
}
