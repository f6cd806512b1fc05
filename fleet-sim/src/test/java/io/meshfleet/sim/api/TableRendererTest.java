package io.meshfleet.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.store.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableRendererTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static JsonNode pod(String status, boolean deleting) {
        String meta = "{'name':'p','creationTimestamp':'2025-03-01T09:58:30Z'"
                + (deleting ? ",'deletionTimestamp':'2025-03-01T10:00:30Z'" : "") + "}";
        String json = "{'metadata':" + meta + ",'spec':{'containers':[{'name':'app'},{'name':'istio-proxy'}]},"
                + "'status':" + status + "}";
        return Json.parse(json.replace('\'', '"').getBytes());
    }

    private static String running(String name, boolean ready, int restarts) {
        return "{'name':'" + name + "','ready':" + ready + ",'restartCount':" + restarts
                + ",'state':{'running':{}}}";
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of("{'phase':'Pending'}", false, List.of("0/2", "Pending", "0")),
                Arguments.of("{'phase':'Running','containerStatuses':[" + running("app", true, 0) + ","
                        + running("istio-proxy", true, 1) + "]}", false, List.of("2/2", "Running", "1")),
                Arguments.of("{'phase':'Running','containerStatuses':[" + running("app", true, 0) + ","
                        + running("istio-proxy", false, 0) + "]}", false, List.of("1/2", "Running", "0")),
                Arguments.of("{'phase':'Running','containerStatuses':[{'name':'app','restartCount':7,'state':"
                        + "{'waiting':{'reason':'CrashLoopBackOff'}}}," + running("istio-proxy", true, 0) + "]}",
                        false, List.of("1/2", "CrashLoopBackOff", "7")),
                Arguments.of("{'phase':'Running','containerStatuses':[{'name':'app','state':{'terminated':"
                        + "{'exitCode':137}}}]}", false, List.of("0/2", "ExitCode:137", "0")),
                Arguments.of("{'phase':'Pending','initContainerStatuses':[{'name':'istio-init','state':"
                        + "{'waiting':{'reason':'PodInitializing'}}}]}", false, List.of("0/2", "Init:0/0", "0")),
                Arguments.of("{'phase':'Running','containerStatuses':[" + running("app", true, 0) + ","
                        + running("istio-proxy", true, 0) + "]}", true, List.of("2/2", "Terminating", "0")),
                Arguments.of("{'phase':'Failed','reason':'Evicted'}", false, List.of("0/2", "Evicted", "0")));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("pods")
    void podColumns(String status, boolean deleting, List<String> expected) {
        List<Object> cells = TableRenderer.podCells(pod(status.replace('\'', '"'), deleting), NOW);
        assertThat(cells.subList(0, 3)).containsExactlyElementsOf(expected);
        assertThat(cells.get(3)).isEqualTo("90s");
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of(Duration.ofSeconds(-5), "<invalid>"),
                Arguments.of(Duration.ofMillis(-500), "0s"),
                Arguments.of(Duration.ofSeconds(0), "0s"),
                Arguments.of(Duration.ofSeconds(119), "119s"),
                Arguments.of(Duration.ofSeconds(120), "2m"),
                Arguments.of(Duration.ofSeconds(125), "2m5s"),
                Arguments.of(Duration.ofMinutes(10), "10m"),
                Arguments.of(Duration.ofMinutes(179), "179m"),
                Arguments.of(Duration.ofMinutes(180), "3h"),
                Arguments.of(Duration.ofMinutes(200), "3h20m"),
                Arguments.of(Duration.ofHours(8), "8h"),
                Arguments.of(Duration.ofHours(47), "47h"),
                Arguments.of(Duration.ofHours(48), "2d"),
                Arguments.of(Duration.ofHours(50), "2d2h"),
                Arguments.of(Duration.ofDays(8), "8d"),
                Arguments.of(Duration.ofDays(800), "2y70d"),
                Arguments.of(Duration.ofDays(365 * 9), "9y"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("durations")
    void humanDurationAsKubectlPrintsAge(Duration duration, String expected) {
        assertThat(TableRenderer.humanDuration(duration)).isEqualTo(expected);
    }
}
