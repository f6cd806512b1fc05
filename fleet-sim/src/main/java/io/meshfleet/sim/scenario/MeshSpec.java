package io.meshfleet.sim.scenario;

import java.util.Map;

/**
 * The mesh a simulated cluster runs at the start.
 *
 * @param version  the control-plane and proxy version, e.g. {@code 1.6.14-asm.1}; null for no mesh
 * @param profile  the istioctl profile it was installed with, e.g. {@code asm-multicloud}
 * @param features the optional features it was installed with, as istioctl {@code --set} paths
 *                 ({@code values.global.proxy.tracer: zipkin}, {@code components.cni.enabled: true});
 *                 they end up in the cluster's {@code installed-state} IstioOperator
 */
public record MeshSpec(String version, String profile, Map<String, Object> features) {

    public MeshSpec {
        profile = profile == null ? "asm-multicloud" : profile;
        features = features == null ? Map.of() : Map.copyOf(features);
    }
}
