package io.meshfleet.sim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshfleet.sim.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies encoded here by hand exactly as Go's generated marshallers lay them out. */
class ProtobufBodiesTest {

    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] field(int number, String value) {
        return field(number, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] number(int number, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3);
        varint(out, value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        return concat(new byte[] {'k', '8', 's', 0},
                field(1, concat(field(1, apiVersion), field(2, kind))),
                field(2, raw),
                field(3, ""), field(4, ""));
    }

    @Test
    void decodesAConfigMapWithLabelsAndData() {
        byte[] meta = concat(field(1, "cfg"), field(3, "shop"), field(11, concat(field(1, "app"), field(2, "web"))),
                field(8, number(1, 1_740_823_200L)));
        byte[] raw = concat(field(1, meta), field(2, concat(field(1, "mesh"), field(2, "asm-1.6"))),
                field(3, concat(field(1, "bin"), field(2, new byte[] {1, 2, 3}))));
        String json = ProtobufBodies.decode(envelope("v1", "ConfigMap", raw)).toString();
        assertThat(json).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\","
                + "\"namespace\":\"shop\",\"labels\":{\"app\":\"web\"},\"creationTimestamp\":\"2025-03-01T10:00:00Z\"},"
                + "\"data\":{\"mesh\":\"asm-1.6\"},\"binaryData\":{\"bin\":\"AQID\"}}");
    }

    @Test
    void decodesASelfSubjectAccessReview() {
        byte[] attributes = concat(field(1, "shop"), field(2, "create"), field(3, "apps"), field(5, "deployments"));
        byte[] raw = concat(field(1, new byte[0]), field(2, field(1, attributes)));
        String json = ProtobufBodies.decode(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", raw))
                .toString();
        assertThat(json).isEqualTo("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"metadata\":{},\"spec\":{\"resourceAttributes\":{\"namespace\":\"shop\",\"verb\":\"create\","
                + "\"group\":\"apps\",\"resource\":\"deployments\"}}}");
    }

    @Test
    void decodesAnEvictionWithDeleteOptions() {
        byte[] raw = concat(field(1, field(1, "web-1")), field(2, concat(number(1, 0), field(4, "Foreground"))));
        assertThat(ProtobufBodies.decode(envelope("policy/v1", "Eviction", raw)).toString())
                .isEqualTo("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"web-1\"},"
                        + "\"deleteOptions\":{\"gracePeriodSeconds\":0,\"propagationPolicy\":\"Foreground\"}}");
    }

    @Test
    void decodesAPodDisruptionBudgetWithIntAndPercentValues() {
        byte[] selector = concat(field(1, concat(field(1, "app"), field(2, "web"))),
                field(2, concat(field(1, "tier"), field(2, "In"), field(3, "a"), field(3, "b"))));
        byte[] spec = concat(field(1, concat(number(1, 0), number(2, 2))), field(2, selector),
                field(3, concat(number(1, 1), field(3, "25%"))));
        byte[] raw = concat(field(1, field(1, "web-pdb")), field(2, spec));
        assertThat(ProtobufBodies.decode(envelope("policy/v1", "PodDisruptionBudget", raw)).toString())
                .isEqualTo("{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\","
                        + "\"metadata\":{\"name\":\"web-pdb\"},\"spec\":{\"minAvailable\":2,"
                        + "\"selector\":{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"tier\","
                        + "\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]},\"maxUnavailable\":\"25%\"}}");
    }

    @Test
    void refusesKindsItCannotDecodeWith415() {
        assertThatThrownBy(() -> ProtobufBodies.decode(envelope("apps/v1", "Deployment", new byte[0])))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(415));
        assertThatThrownBy(() -> ProtobufBodies.decode("{}".getBytes()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
