package io.meshfleet.roller.roll;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.NamespaceOrder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The order in which a roll starts its namespaces. */
class NamespaceOrderingTest {

    private static final String WAVE = "meshfleet.io/roll-wave";

    static Stream<Arguments> orders() {
        Map<String, Map<String, String>> waves = Map.of(
                "shop", Map.of(WAVE, "2"),
                "cart", Map.of(WAVE, "10"),
                "auth", Map.of(WAVE, "1"),
                "pay", Map.of(WAVE, "2"),
                "tools", Map.of("team", "infra"),
                "misc", Map.of());
        Map<String, Map<String, String>> text = Map.of(
                "a", Map.of(WAVE, "canary"),
                "b", Map.of(WAVE, "bulk"),
                "c", Map.of(WAVE, "3"),
                "d", Map.of(WAVE, "-1"));
        return Stream.of(
                Arguments.of("as listed keeps the order, drops repeats", List.of("b", "a", "b", "c"),
                        NamespaceOrder.AS_LISTED, null, Map.of(), List.of("b", "a", "c")),
                Arguments.of("by name", List.of("b", "c", "a"), NamespaceOrder.BY_NAME, null, Map.of(),
                        List.of("a", "b", "c")),
                Arguments.of("by label: numbers as numbers, ties by name, unlabelled last by name",
                        List.of("tools", "shop", "misc", "cart", "pay", "auth"), NamespaceOrder.BY_LABEL, WAVE, waves,
                        List.of("auth", "pay", "shop", "cart", "misc", "tools")),
                Arguments.of("by label: numbers before words, words in string order", List.of("a", "b", "c", "d"),
                        NamespaceOrder.BY_LABEL, WAVE, text, List.of("d", "c", "b", "a")),
                Arguments.of("by label: a namespace missing from the report counts as unlabelled",
                        List.of("gone", "shop", "auth"), NamespaceOrder.BY_LABEL, WAVE, waves,
                        List.of("auth", "shop", "gone")),
                Arguments.of("by label nobody carries: by name", List.of("shop", "auth", "cart"),
                        NamespaceOrder.BY_LABEL, "absent", waves, List.of("auth", "cart", "shop")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void namespacesAreOrdered(String why, List<String> names, NamespaceOrder order, String label,
            Map<String, Map<String, String>> labels, List<String> expected) {
        assertThat(NamespaceOrdering.order(names, order, label, labels)).containsExactlyElementsOf(expected);
    }
}
