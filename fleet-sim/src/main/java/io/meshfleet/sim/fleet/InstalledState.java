package io.meshfleet.sim.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.sim.release.MeshVersion;
import io.meshfleet.sim.release.ProfileShape;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.MergePatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The {@code spec} of a seeded cluster's {@code installed-state} IstioOperator, composed the way the release's
 * istioctl composes it: the built-in {@code default} profile, the chosen profile of the version's shape, then
 * {@code profile}, {@code hub} and {@code tag}, then each optional feature given as an istioctl {@code --set} path
 * ({@code values.global.proxy.tracer: zipkin} becomes {@code spec.values.global.proxy.tracer: zipkin}).
 */
public final class InstalledState {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROFILES = "/io/meshfleet/sim/release/profiles/";

    private InstalledState() {
    }

    /** The spec for a version, profile, hub and features; an unknown profile contributes only its name. */
    public static ObjectNode spec(String version, String profile, String hub, Map<String, Object> features) {
        ProfileShape shape = shape(version);
        JsonNode spec = profileSpec(shape, "default");
        if (!profile.equals("default")) {
            spec = MergePatch.apply(spec, profileSpec(shape, profile));
        }
        ObjectNode result = spec.isObject() ? (ObjectNode) spec : Json.object();
        result.put("profile", profile).put("hub", hub).put("tag", version);
        features.forEach((path, value) -> set(result, path, value));
        return result;
    }

    /** Sets a dotted {@code --set} path in a spec, creating the objects on the way. */
    static void set(ObjectNode spec, String path, Object value) {
        String[] steps = path.split("\\.");
        ObjectNode node = spec;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node.withObjectProperty(steps[i]);
        }
        node.set(steps[steps.length - 1], scalar(value));
    }

    private static JsonNode scalar(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return nodes.numberNode(d);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        return nodes.textNode(String.valueOf(value));
    }

    private static ProfileShape shape(String version) {
        try {
            return MeshVersion.parse(version).profileShape();
        } catch (IllegalArgumentException e) {
            return ProfileShape.LATER;
        }
    }

    private static JsonNode profileSpec(ProfileShape shape, String profile) {
        try (InputStream in = InstalledState.class.getResourceAsStream(PROFILES + shape.id() + "/" + profile + ".yaml")) {
            if (in == null) {
                return Json.object();
            }
            JsonNode spec = YAML.readTree(in).path("spec");
            return spec.isObject() ? spec : Json.object();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
