package io.meshfleet.fleetctl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void quotesOnlyFieldsThatNeedItAndDoublesQuotes() {
        assertThat(AuditCsv.quoted("plain")).isEqualTo("plain");
        assertThat(AuditCsv.quoted("")).isEqualTo("");
        assertThat(AuditCsv.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.quoted("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.quoted("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(AuditCsv.quoted(" padded ")).isEqualTo("\" padded \"");
    }

    @Test
    void theHeaderIsTheOrchestratorExportsHeader() {
        // orchestrator api.AuditResource.CSV_HEADER
        assertThat(AuditCsv.HEADER).isEqualTo("seq,at,actor,plan_id,wave,cluster_id,namespace,type,from,to,reason,"
                + "correlation_id,prev_hash,hash");
    }
}
