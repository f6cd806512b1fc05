package io.meshfleet.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestInfoTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/pods", false, "list v1 [null, pods, null, null]"),
                Arguments.of("GET", "/api/v1/namespaces", false, "list v1 [null, namespaces, null, null]"),
                Arguments.of("GET", "/api/v1/namespaces/shop", false, "get v1 [shop, namespaces, shop, null]"),
                Arguments.of("PUT", "/api/v1/namespaces/shop/status", false,
                        "update v1 [shop, namespaces, shop, status]"),
                Arguments.of("GET", "/api/v1/namespaces/shop/pods", true, "watch v1 [shop, pods, null, null]"),
                Arguments.of("GET", "/api/v1/watch/namespaces/shop/pods", false, "watch v1 [shop, pods, null, null]"),
                Arguments.of("POST", "/api/v1/namespaces/shop/pods/web/eviction", false,
                        "create v1 [shop, pods, web, eviction]"),
                Arguments.of("PATCH", "/apis/apps/v1/namespaces/shop/deployments/web/scale", false,
                        "patch apps/v1 [shop, deployments, web, scale]"),
                Arguments.of("DELETE", "/apis/apps/v1/namespaces/shop/deployments", false,
                        "deletecollection apps/v1 [shop, deployments, null, null]"),
                Arguments.of("DELETE", "/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Aadmin", false,
                        "delete rbac.authorization.k8s.io/v1 [null, clusterroles, system:admin, null]"),
                Arguments.of("GET", "/apis/apps/v1", false, "nonResource [apis, apps, v1]"),
                Arguments.of("GET", "/version", false, "nonResource [version]"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("paths")
    void parses(String method, String path, boolean watch, String expected) {
        assertThat(RequestInfo.parse(method, path, watch).toString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void decodesPercentEscapesOnly() {
        assertThat(Arrays.asList(RequestInfo.decode("a%2Fb+c"), RequestInfo.decode("bad%zz"), RequestInfo.decode("é")))
                .containsExactly("a/b+c", "bad%zz", "é");
    }
}
