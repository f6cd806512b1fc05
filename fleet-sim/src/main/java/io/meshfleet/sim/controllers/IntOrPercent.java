package io.meshfleet.sim.controllers;

import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes' int-or-string fields ({@code maxSurge: 1}, {@code maxUnavailable: "25%"}) scaled against a total. */
final class IntOrPercent {

    private IntOrPercent() {
    }

    /**
     * The value against {@code total}: a number as is, a percentage of total rounded up or down as the controller
     * in question does; {@code fallback} (same syntax) when the field is missing or null.
     */
    static int scaled(JsonNode value, String fallback, int total, boolean roundUp) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return scaled(fallback, total, roundUp);
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        return scaled(value.asText(), total, roundUp);
    }

    static int scaled(String text, int total, boolean roundUp) {
        String trimmed = text.trim();
        if (trimmed.endsWith("%")) {
            int percent = Integer.parseInt(trimmed.substring(0, trimmed.length() - 1).trim());
            long scaled = (long) total * percent;
            return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
        }
        return Integer.parseInt(trimmed);
    }
}
