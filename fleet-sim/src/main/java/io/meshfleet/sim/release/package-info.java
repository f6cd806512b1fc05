/**
 * Simulated mesh releases: signed archives laid out like the upstream ASM/Istio releases, whose
 * {@code bin/istioctl} installs a control plane on a simulated cluster through {@code kubectl}.
 *
 * <h2>Layout</h2>
 * {@link io.meshfleet.sim.release.ReleaseGenerator} writes, per {@link io.meshfleet.sim.release.Platform},
 * {@code istio-<version>-linux.tar.gz}, {@code istio-<version>-osx.tar.gz} and {@code istio-<version>-win.zip},
 * each next to {@code <archive>.1.sig}. Every entry sits under {@code istio-<version>/}:
 * {@code bin/istioctl} (mode 0755; {@code bin/istioctl.exe} in the zip, same script),
 * {@code manifest.yaml} (version, platform, hub, profile shape), {@code manifests/profiles/asm-multicloud.yaml},
 * {@code default.yaml}, {@code minimal.yaml} (the real {@code asm-multicloud} profile in the shape of the
 * version, see {@link io.meshfleet.sim.release.ProfileShape}) and {@code samples/bookinfo/platform/kube/bookinfo.yaml},
 * {@code samples/sleep/sleep.yaml}. Directories 0755, files 0644, owner root/root, every time the
 * injected clock's instant: same inputs, same bytes.
 *
 * <h2>Signing</h2>
 * {@link io.meshfleet.sim.release.ReleaseSigningKey}: ECDSA P-256 over SHA-256, DER signature, as
 * {@code openssl dgst -sha256 -sign key.pem -out f.1.sig f}; the seed's
 * {@code openssl dgst -sha256 -verify pub.pem -signature f.1.sig f} prints {@code Verified OK}.
 *
 * <h2>The istioctl contract (what the simulated installer controller implements)</h2>
 * <ul>
 * <li>{@code istioctl install -y [--set PATH=VALUE]... [-f FILE]... [--readiness-timeout DUR]
 *     [--kubeconfig FILE] [--context NAME] [--dry-run]} composes, without the cluster (each step a JSON
 *     merge patch applied with {@code kubectl patch --local}): the {@code default} profile, the chosen
 *     profile ({@code --set profile=}, else {@code spec.profile} of the {@code -f} files, else
 *     {@code default}), {@code spec.profile}/{@code spec.hub}/{@code spec.tag} = the profile, the release's
 *     hub and the release version, the {@code spec} of each {@code -f} file in order, then each
 *     {@code --set} in order ({@code profile}, {@code hub}, {@code tag}, {@code values.*},
 *     {@code meshConfig.*}, {@code components.NAME.enabled}, {@code addonComponents.NAME.enabled};
 *     {@code true}/{@code false} and JSON numbers are typed, the rest are strings). Like real istioctl an
 *     overlay that carries {@code spec.tag} or {@code spec.hub} overrides the release's own.</li>
 * <li>It then ensures namespace {@code istio-system} and writes the whole object as
 *     {@code istiooperators.install.istio.io/v1alpha1} (kind {@code IstioOperator}) {@code meshfleet-install}
 *     in {@code istio-system}: {@code kubectl create -f - --validate=false} when absent, else
 *     {@code kubectl replace -f - --validate=false} carrying the current {@code metadata.resourceVersion}
 *     (so the API server need not serve OpenAPI). The body has no {@code status}. Annotations:
 *     {@code install.meshfleet.io/request-id} (unique per run) and {@code install.meshfleet.io/istioctl-version}.
 *     The API server must serve discovery for group {@code install.istio.io}, version {@code v1alpha1},
 *     resource {@code istiooperators} (namespaced, short name {@code iop}).</li>
 * <li>The controller, on a {@code meshfleet-install} whose request-id annotation differs from its
 *     {@code status.observedRequestId}, replaces istiod (label {@code app=istiod}, container
 *     {@code discovery}, image {@code <spec.hub>/pilot:<spec.tag>}; {@code istioctl version} reads that
 *     container's image tag from Running pods) and the enabled gateways ({@code <spec.hub>/proxyv2:<spec.tag>}),
 *     writes the IstioOperator {@code installed-state} in {@code istio-system} with the same {@code spec}
 *     (as real istioctl does), then sets {@code status}: {@code status} = {@code HEALTHY} or
 *     {@code ERROR} (with {@code status.message}), {@code observedRequestId} = the annotation's value.
 *     {@code RECONCILING} (or anything else) meanwhile is optional and means "in progress";
 *     {@code componentStatus.{Base,Pilot,IngressGateways,AddonComponents}.status = HEALTHY} optionally
 *     lets istioctl print each step as it completes.</li>
 * <li>istioctl polls {@code status} every {@code ISTIOCTL_POLL_INTERVAL} seconds (default 2) and accepts
 *     only a status whose {@code observedRequestId} is its own request id, so a {@code HEALTHY} left from an
 *     earlier install never ends a new one. It prints {@code ✔ Istio core installed}, {@code ✔ Istiod installed},
 *     {@code ✔ Ingress gateways installed} (if any enabled), {@code ✔ Addons installed} (if any enabled) and
 *     {@code ✔ Installation complete}. Exit codes: 0 HEALTHY; 1 kubectl/cluster failure; 2 usage error
 *     (unknown flag, unsupported {@code --set}, missing {@code -y}); 3 readiness timeout (default 300s);
 *     4 {@code ERROR}.</li>
 * <li>{@code --dry-run} prints the merge steps, the kubectl commands and the final IstioOperator and
 *     contacts no cluster; {@code ISTIOCTL_REQUEST_ID} fixes the request id (tests).</li>
 * </ul>
 */
package io.meshfleet.sim.release;
