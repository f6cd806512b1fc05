package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A label selector: the {@code ?labelSelector=} string syntax ({@code =, ==, !=, in, notin, key, !key, >, <}) and the
 * {@code matchLabels}/{@code matchExpressions} object of Deployments and PodDisruptionBudgets, both ANDed requirements.
 */
public final class LabelSelector {

    /** Matches every object. */
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Matches no object (a null selector in policy/v1 PodDisruptionBudgets). */
    public static final LabelSelector NOTHING =
            new LabelSelector(List.of(new Requirement("", Operator.NONE, Set.of())));

    /** How a requirement compares a label. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN, NONE }

    /**
     * One requirement on one label key.
     *
     * @param key label key
     * @param operator comparison
     * @param values the values compared with (one for =, !=, &gt;, &lt;)
     */
    public record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case GREATER_THAN -> value != null && compare(value) > 0;
                case LESS_THAN -> value != null && compare(value) < 0;
                case NONE -> false;
            };
        }

        private int compare(String value) {
            try {
                return Long.compare(Long.parseLong(value), Long.parseLong(values.iterator().next()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** The requirements, ANDed. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /** Whether the labels satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selector matches everything. */
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** Selects objects carrying all these labels. */
    public static LabelSelector ofLabels(Map<String, String> labels) {
        List<Requirement> requirements = new ArrayList<>();
        labels.forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
        return new LabelSelector(requirements);
    }

    /**
     * A {@code metav1.LabelSelector} object ({@code matchLabels} and {@code matchExpressions}); an empty object
     * matches everything, a missing one nothing.
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonNode matchLabels = selector.path("matchLabels");
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            requirements.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText())));
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new LinkedHashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            Operator operator = switch (expression.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw StoreException.badRequest(
                        "\"" + expression.path("operator").asText() + "\" is not a valid label selector operator");
            };
            requirements.add(new Requirement(key, operator, values));
        }
        return new LabelSelector(requirements);
    }

    /** Parses the string syntax of {@code ?labelSelector=}; a 400 {@link StoreException} when malformed. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitTopLevel(text)) {
            requirements.add(parseTerm(term.trim(), text));
        }
        return new LabelSelector(requirements);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    private static Requirement parseTerm(String term, String whole) {
        if (term.isEmpty()) {
            throw invalid(whole);
        }
        if (term.startsWith("!")) {
            return new Requirement(key(term.substring(1).trim(), whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        String[] words = term.split("\\s+", 3);
        if (words.length >= 2 && (words[1].equals("in") || words[1].equals("notin"))) {
            String rest = term.substring(term.indexOf(words[1]) + words[1].length()).trim();
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw invalid(whole);
            }
            Set<String> values = new LinkedHashSet<>();
            for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                values.add(value(v.trim(), whole));
            }
            return new Requirement(key(words[0], whole), words[1].equals("in") ? Operator.IN : Operator.NOT_IN,
                    values);
        }
        String[] operators = {"==", "!=", "=", ">", "<"};
        for (String op : operators) {
            int at = term.indexOf(op);
            if (at > 0) {
                String key = key(term.substring(0, at).trim(), whole);
                String value = value(term.substring(at + op.length()).trim(), whole);
                Operator operator = switch (op) {
                    case "!=" -> Operator.NOT_EQUALS;
                    case ">" -> Operator.GREATER_THAN;
                    case "<" -> Operator.LESS_THAN;
                    default -> Operator.EQUALS;
                };
                return new Requirement(key, operator, Set.of(value));
            }
        }
        return new Requirement(key(term, whole), Operator.EXISTS, Set.of());
    }

    private static String key(String key, String whole) {
        if (key.isEmpty() || !key.matches("[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?")) {
            throw invalid(whole);
        }
        return key;
    }

    private static String value(String value, String whole) {
        if (!value.isEmpty() && !value.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw invalid(whole);
        }
        return value;
    }

    private static StoreException invalid(String whole) {
        return StoreException.badRequest("unable to parse requirement: invalid label selector \"" + whole + "\"");
    }

    @Override
    public String toString() {
        return requirements.toString();
    }
}
