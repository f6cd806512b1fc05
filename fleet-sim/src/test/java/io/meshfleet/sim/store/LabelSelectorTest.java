package io.meshfleet.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "replicas", "3");

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("", true),
                Arguments.of("app=web", true),
                Arguments.of("app==web", true),
                Arguments.of("app=api", false),
                Arguments.of("app!=api", true),
                Arguments.of("app!=web", false),
                Arguments.of("missing!=x", true),
                Arguments.of("app in (web,api)", true),
                Arguments.of("app in (api, db)", false),
                Arguments.of("app notin (api,db)", true),
                Arguments.of("app notin (web)", false),
                Arguments.of("missing notin (web)", true),
                Arguments.of("tier", true),
                Arguments.of("missing", false),
                Arguments.of("!missing", true),
                Arguments.of("!tier", false),
                Arguments.of("app=web,tier=front", true),
                Arguments.of("app=web,tier=back", false),
                Arguments.of("app in (web,api),!canary,tier", true),
                Arguments.of("replicas>2", true),
                Arguments.of("replicas<2", false),
                Arguments.of(" app = web ", true));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("selectors")
    void stringSyntax(String selector, boolean matches) {
        assertThat(LabelSelector.parse(selector).matches(WEB)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app in web", "=web", "app in (web", "app=we b", ","})
    void malformedSelectorsAre400(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StatusReason.BAD_REQUEST));
    }

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("{}", true),
                Arguments.of("null", false),
                Arguments.of("{\"matchLabels\":{\"app\":\"web\"}}", true),
                Arguments.of("{\"matchLabels\":{\"app\":\"api\"}}", false),
                Arguments.of("{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"front\"]}]}",
                        true),
                Arguments.of("{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"front\"]}]}",
                        false),
                Arguments.of("{\"matchExpressions\":[{\"key\":\"canary\",\"operator\":\"DoesNotExist\"}]}", true),
                Arguments.of("{\"matchLabels\":{\"app\":\"web\"},"
                        + "\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"Exists\"}]}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("objects")
    void selectorObjects(String json, boolean matches) {
        assertThat(LabelSelector.fromObject(Json.parse(json.getBytes())).matches(WEB)).isEqualTo(matches);
    }
}
