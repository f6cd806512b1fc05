package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String METRICS = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 3.5E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 6.0E7
            jvm_memory_used_bytes{area="heap",id="Eden Space"} 1.0E7
            jvm_memory_used_bytes{area="heap",id="Survivor Space"} NaN
            jvm_memory_used_bytes_other{area="heap"} 99
            process_cpu_usage 0.25
            """;

    @Test
    void sumsTheSamplesWithTheLabelAndSkipsOthers() {
        assertThat(PrometheusText.sum(METRICS, "jvm_memory_used_bytes", "area=\"heap\"")).hasValue(4.5E7);
        assertThat(PrometheusText.sum(METRICS, "jvm_memory_used_bytes", "area=\"nonheap\"")).hasValue(6.0E7);
        assertThat(PrometheusText.sum(METRICS, "process_cpu_usage", null)).hasValue(0.25);
        assertThat(PrometheusText.sum(METRICS, "process_cpu", null)).isEmpty();
        assertThat(PrometheusText.sum("", "jvm_memory_used_bytes", "area=\"heap\"")).isEmpty();
    }
}
