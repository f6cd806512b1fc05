package io.meshfleet.sim.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.store.Json;
import org.junit.jupiter.api.Test;

/** The pod-template-hash: stable, in the safe alphabet, blind to key order and to its own label. */
class PodTemplateHashTest {

    private static JsonNode template(String json) {
        return Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theSameTemplateInAnyKeyOrderHashesAlikeAndDifferentOnesDiffer() {
        JsonNode a = template("{\"metadata\":{\"labels\":{\"app\":\"x\",\"v\":\"1\"}},\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"x:1\"}]}}");
        JsonNode b = template("{\"spec\":{\"containers\":[{\"image\":\"x:1\",\"name\":\"x\"}]},\"metadata\":{\"labels\":{\"v\":\"1\",\"app\":\"x\"}}}");
        JsonNode restarted = template("{\"metadata\":{\"labels\":{\"app\":\"x\",\"v\":\"1\"},\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"now\"}},\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"x:1\"}]}}");
        JsonNode spelledOut = template("{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"x\",\"v\":\"1\"}},\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"x:1\",\"resources\":{}}]}}");
        JsonNode labelled = template("{\"metadata\":{\"labels\":{\"app\":\"x\",\"v\":\"1\",\"pod-template-hash\":\"abc\"}},\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"x:1\"}]}}");

        String hash = PodTemplateHash.of(a, 0);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}");
        assertThat(PodTemplateHash.of(b, 0)).isEqualTo(hash);
        assertThat(PodTemplateHash.of(labelled, 0)).isEqualTo(hash);
        assertThat(PodTemplateHash.of(spelledOut, 0)).as("kubectl rollout undo's nulls and empties").isEqualTo(hash);
        assertThat(PodTemplateHash.of(restarted, 0)).isNotEqualTo(hash);
        assertThat(PodTemplateHash.of(a, 1)).isNotEqualTo(hash);
    }

    @Test
    void safeEncodingMapsEachDigitOntoTheAlphabet() {
        assertThat(PodTemplateHash.safeEncode("0123456789")).isEqualTo("456789bcdf");
    }
}
