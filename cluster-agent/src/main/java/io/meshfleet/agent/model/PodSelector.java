package io.meshfleet.agent.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, all ANDed) as a PodDisruptionBudget
 * carries it, evaluated against pod labels without a Kubernetes client.
 *
 * @param matchLabels  labels a pod must carry with exactly these values
 * @param expressions  further requirements
 * @param matchesNone  a missing selector: in policy/v1 a budget without one selects no pod
 */
public record PodSelector(Map<String, String> matchLabels, List<Requirement> expressions, boolean matchesNone) {

    /** What a missing selector selects: nothing. */
    public static final PodSelector NONE = new PodSelector(Map.of(), List.of(), true);

    /**
     * One {@code matchExpressions} entry.
     *
     * @param key      the label key
     * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
     * @param values   the values of {@code In} and {@code NotIn}
     */
    public record Requirement(String key, String operator, Set<String> values) {

        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = values == null ? Set.of() : Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false; // an operator the API server would have refused: select nothing rather than all
            };
        }
    }

    public PodSelector {
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
    }

    /** A selector of {@code matchLabels} and {@code expressions}; both empty selects every pod of the namespace. */
    public static PodSelector of(Map<String, String> matchLabels, List<Requirement> expressions) {
        return new PodSelector(matchLabels, expressions, false);
    }

    /** Whether a pod with {@code labels} is selected. */
    public boolean matches(Map<String, String> labels) {
        if (matchesNone) {
            return false;
        }
        for (Map.Entry<String, String> required : matchLabels.entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        return expressions.stream().allMatch(r -> r.matches(labels));
    }
}
