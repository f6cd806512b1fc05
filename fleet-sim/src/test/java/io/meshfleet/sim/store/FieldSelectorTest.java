package io.meshfleet.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

    private static final JsonNode POD = Json.parse(("{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\"},"
            + "\"spec\":{\"nodeName\":\"node-a\"},\"status\":{\"phase\":\"Running\"}}").getBytes());

    private static final JsonNode PENDING = Json.parse(
            "{\"metadata\":{\"name\":\"web-2\",\"namespace\":\"shop\"},\"status\":{\"phase\":\"Pending\"}}".getBytes());

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("", POD, true),
                Arguments.of("metadata.name=web-1", POD, true),
                Arguments.of("metadata.name==web-1", POD, true),
                Arguments.of("metadata.name!=web-1", POD, false),
                Arguments.of("metadata.namespace=shop", POD, true),
                Arguments.of("metadata.namespace=other", POD, false),
                Arguments.of("status.phase=Running", POD, true),
                Arguments.of("status.phase!=Running", PENDING, true),
                Arguments.of("spec.nodeName=node-a", POD, true),
                Arguments.of("spec.nodeName=", PENDING, true),
                Arguments.of("spec.nodeName=", POD, false),
                Arguments.of("status.phase=Running,spec.nodeName=node-a", POD, true),
                Arguments.of("status.phase=Running,spec.nodeName=node-b", POD, false));
    }

    @ParameterizedTest(name = "[{0}] -> {2}")
    @MethodSource("selectors")
    void matches(String selector, JsonNode object, boolean matches) {
        assertThat(FieldSelector.parse(selector).matches(object)).isEqualTo(matches);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedSelectorsAre400(String selector) {
        assertThatThrownBy(() -> FieldSelector.parse(selector)).isInstanceOf(StoreException.class);
    }

    static Stream<String> malformed() {
        return Stream.of("metadata.name", "=x");
    }

    @org.junit.jupiter.api.Test
    void escapedCommasAndEqualsAreValues() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c");
        assertThat(selector.terms()).containsExactly(new FieldSelector.Term("metadata.name", true, "a,b=c"));
    }
}
