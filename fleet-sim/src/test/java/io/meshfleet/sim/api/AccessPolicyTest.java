package io.meshfleet.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {

    private static final AccessPolicy POLICY = AccessPolicy.allowAll()
            .deny("create", "apps", "deployments", "*")
            .deny("*", "", "secrets", "kube-system")
            .deny("create", "", "pods/eviction", "*")
            .deny("delete", "", "nodes", "");

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("create", "apps", "deployments", null, "shop", false),
                Arguments.of("update", "apps", "deployments", null, "shop", true),
                Arguments.of("create", "apps", "statefulsets", null, "shop", true),
                Arguments.of("get", "", "secrets", null, "kube-system", false),
                Arguments.of("get", "", "secrets", null, "shop", true),
                Arguments.of("create", "", "pods", "eviction", "shop", false),
                Arguments.of("create", "", "pods", null, "shop", true),
                Arguments.of("delete", "", "nodes", null, null, false),
                Arguments.of("list", "", "pods", null, null, true));
    }

    @ParameterizedTest(name = "{0} {1}/{2}/{3} in {4} -> {5}")
    @MethodSource("requests")
    void allows(String verb, String group, String resource, String subresource, String namespace, boolean allowed) {
        assertThat(POLICY.allows(verb, group, resource, subresource, namespace)).isEqualTo(allowed);
        assertThat(AccessPolicy.allowAll().allows(verb, group, resource, subresource, namespace)).isTrue();
    }

    @Test
    void answersSelfSubjectAccessReviews() {
        ObjectNode review = Json.object().put("apiVersion", "authorization.k8s.io/v1")
                .put("kind", "SelfSubjectAccessReview");
        review.putObject("spec").putObject("resourceAttributes").put("verb", "create").put("group", "apps")
                .put("resource", "deployments").put("namespace", "shop");
        ObjectNode answer = POLICY.review(review);
        assertThat(answer.path("status").path("allowed").asBoolean()).isFalse();
        assertThat(answer.path("status").path("denied").asBoolean()).isTrue();
        assertThat(answer.path("spec")).isEqualTo(review.path("spec"));
        assertThat(AccessPolicy.allowAll().review(review).path("status").path("allowed").asBoolean()).isTrue();
    }
}
