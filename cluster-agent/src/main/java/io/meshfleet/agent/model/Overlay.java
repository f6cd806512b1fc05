package io.meshfleet.agent.model;

import io.meshfleet.events.PreflightItem;
import java.util.List;
import java.util.Map;

/**
 * The optional features of the current install as an IstioOperator {@code spec} overlay for the target version,
 * with one preflight item per feature: carried over (PASS) or not supported by the target (WARN or FAIL, and
 * left out of the overlay).
 *
 * @param spec  the overlay: nested IstioOperator spec values, numbers as Integer, Long or BigDecimal
 * @param items one item per feature found
 */
public record Overlay(Map<String, Object> spec, List<PreflightItem> items) {

    public Overlay {
        spec = Map.copyOf(spec);
        items = List.copyOf(items);
    }
}
