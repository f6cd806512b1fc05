package io.meshfleet.roller.roll;

import io.meshfleet.events.NamespaceOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The order in which a roll starts its namespaces ({@link NamespaceOrder}): as listed, by name, or by the value of a
 * namespace label. Under {@link NamespaceOrder#BY_LABEL} two values that are both whole numbers compare as numbers
 * ({@code 2} before {@code 10}), a number comes before a value that is not one, other values compare in
 * {@link String} order; namespaces without the label (or not in the state report) come last; ties go by name.
 */
public final class NamespaceOrdering {

    private NamespaceOrdering() {
    }

    /**
     * {@code names} (duplicates dropped, first one kept) in {@code order}.
     *
     * @param labelKey the label of {@link NamespaceOrder#BY_LABEL}; ignored by the other orders
     * @param labels   namespace name to its labels, from the cluster's state report
     */
    public static List<String> order(List<String> names, NamespaceOrder order, String labelKey,
            Map<String, Map<String, String>> labels) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        switch (order) {
            case AS_LISTED -> {
            }
            case BY_NAME -> distinct.sort(Comparator.naturalOrder());
            case BY_LABEL -> distinct.sort(Comparator
                    .comparing((String ns) -> labels.getOrDefault(ns, Map.of()).get(labelKey),
                            Comparator.nullsLast(NamespaceOrdering::compareValues))
                    .thenComparing(Comparator.naturalOrder()));
            default -> throw new IllegalArgumentException("unknown namespace order " + order);
        }
        return List.copyOf(distinct);
    }

    private static int compareValues(String a, String b) {
        BigInteger x = integer(a);
        BigInteger y = integer(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static BigInteger integer(String value) {
        if (value.isEmpty() || !value.matches("-?[0-9]+")) {
            return null;
        }
        return new BigInteger(value);
    }
}
