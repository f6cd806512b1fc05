package io.meshfleet.sim.release;

/**
 * Which shape of the built-in profiles ({@code asm-multicloud}, {@code default}, {@code minimal}) a
 * simulated release carries; the real {@code asm-multicloud} profile changed shape between versions.
 */
public enum ProfileShape {

    /** Istio/ASM 1.5 and 1.6 (and older): {@code addonComponents} (grafana, prometheus, kiali) and {@code telemetry.v1}. */
    WITH_ADDONS("with-addons"),

    /** 1.7 and later: no {@code addonComponents}, gateways with HPA settings, lower pilot CPU request. */
    LATER("later");

    private final String resourceFolder;

    ProfileShape(String resourceFolder) {
        this.resourceFolder = resourceFolder;
    }

    /** The folder under {@code profiles/} in this package's resources, also written to {@code manifest.yaml}. */
    public String id() {
        return resourceFolder;
    }

    /** {@link #WITH_ADDONS} up to 1.6, {@link #LATER} from 1.7 on. */
    public static ProfileShape forVersion(MeshVersion version) {
        if (version.major() < 1 || (version.major() == 1 && version.minor() <= 6)) {
            return WITH_ADDONS;
        }
        return LATER;
    }
}
