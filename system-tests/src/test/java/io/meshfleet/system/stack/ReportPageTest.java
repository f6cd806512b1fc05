package io.meshfleet.system.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportPageTest {

    private static final String PAGE = """
            # System tests

            <!-- BEGIN scale-ci -->
            old table
            <!-- END scale-ci -->

            ## Chaos
            theirs
            """;

    @Test
    void replacesOnlyTheMarkedSection() {
        String updated = ReportPage.update(PAGE, "scale-ci", "| new | table |\n");
        assertThat(updated).isEqualTo("""
                # System tests

                <!-- BEGIN scale-ci -->
                | new | table |
                <!-- END scale-ci -->

                ## Chaos
                theirs
                """);
        assertThat(ReportPage.update(updated, "scale-ci", "| new | table |")).isEqualTo(updated);
    }

    @Test
    void addsAMissingSectionAtTheEnd() {
        String updated = ReportPage.update(PAGE, "scale-2000", "t");
        assertThat(updated).startsWith(PAGE).endsWith("theirs\n\n<!-- BEGIN scale-2000 -->\nt\n<!-- END scale-2000 -->\n");
    }

    @Test
    void refusesBrokenMarkersRatherThanLosingText() {
        assertThatThrownBy(() -> ReportPage.update("<!-- END scale-ci -->\n<!-- BEGIN scale-ci -->\n", "scale-ci", "t"))
                .hasMessageContaining("broken section scale-ci");
        assertThatThrownBy(() -> ReportPage.update("<!-- BEGIN scale-ci -->\n", "scale-ci", "t"))
                .hasMessageContaining("broken section scale-ci");
    }
}
