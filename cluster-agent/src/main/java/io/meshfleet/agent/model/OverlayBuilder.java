package io.meshfleet.agent.model;

import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the spec of the {@code installed-state} IstioOperator (the fully merged spec the current install applied)
 * into the {@link Overlay} for a target version: the leaves the {@link CompatibilityTable} calls optional features
 * are kept, those the target does not support are flagged and left out. Lists count as one leaf (a gateway list
 * is carried over whole). {@code hub}, {@code tag} and {@code profile} are never features: an overlay carrying
 * them would pin the old release.
 */
public final class OverlayBuilder {

    private final CompatibilityTable table;

    public OverlayBuilder(CompatibilityTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The overlay that carries {@code installedSpec}'s features to {@code target}. */
    public Overlay build(Map<String, ?> installedSpec, MeshVersion target) {
        Objects.requireNonNull(installedSpec, "installedSpec");
        Objects.requireNonNull(target, "target");
        Map<String, Object> spec = new LinkedHashMap<>();
        List<PreflightItem> items = new ArrayList<>();
        Map<List<String>, Object> leaves = new LinkedHashMap<>();
        flatten(List.of(), installedSpec, leaves);
        leaves.forEach((path, value) -> {
            if (!table.isFeature(path)) {
                return;
            }
            String check = "feature:" + String.join(".", path);
            table.unsupported(path, value, target).ifPresentOrElse(
                    entry -> items.add(new PreflightItem(check, entry.status(), String.join(".", path) + "=" + value
                            + " is not supported by " + target + " (" + entry.versions() + "): " + entry.reason()
                            + "; left out of the overlay")),
                    () -> {
                        put(spec, path, value);
                        items.add(new PreflightItem(check, PreflightStatus.PASS,
                                "carried over to " + target + ": " + String.join(".", path) + "=" + value));
                    });
        });
        return new Overlay(spec, items);
    }

    private static void flatten(List<String> prefix, Map<String, ?> node, Map<List<String>, Object> leaves) {
        node.forEach((key, value) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) child;
                flatten(path, typed, leaves);
            } else if (value != null) {
                leaves.put(List.copyOf(path), normalise(value));
            }
        });
    }

    /** Binary floating point becomes BigDecimal (the overlay contract forbids doubles); lists and maps recursively. */
    static Object normalise(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OverlayBuilder::normalise).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : normalise(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> node = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            node = (Map<String, Object>) node.computeIfAbsent(segment, k -> new LinkedHashMap<String, Object>());
        }
        node.put(path.get(path.size() - 1), value);
    }
}
