package io.meshfleet.sim.release;

/** A platform a release ships an archive for, named as in the upstream archive names. */
public enum Platform {

    /** {@code istio-<version>-linux.tar.gz}. */
    LINUX("linux", ArchiveFormat.TAR_GZ, "istioctl"),

    /** {@code istio-<version>-osx.tar.gz}. */
    OSX("osx", ArchiveFormat.TAR_GZ, "istioctl"),

    /** {@code istio-<version>-win.zip}, with {@code bin/istioctl.exe}. */
    WIN("win", ArchiveFormat.ZIP, "istioctl.exe");

    private final String id;
    private final ArchiveFormat format;
    private final String istioctlName;

    Platform(String id, ArchiveFormat format, String istioctlName) {
        this.id = id;
        this.format = format;
        this.istioctlName = istioctlName;
    }

    /** The name used in archive names and in {@code MirrorRelease.platforms}: {@code linux}, {@code osx}, {@code win}. */
    public String id() {
        return id;
    }

    public ArchiveFormat format() {
        return format;
    }

    /** {@code istioctl}, or {@code istioctl.exe} on Windows. */
    public String istioctlName() {
        return istioctlName;
    }

    /** The archive's file name, e.g. {@code istio-1.5.10-asm.2-linux.tar.gz}. */
    public String archiveName(MeshVersion version) {
        return "istio-" + version + "-" + id + format.extension();
    }

    /** The platform named {@code id} ({@code linux}, {@code osx} or {@code win}). */
    public static Platform fromId(String id) {
        for (Platform platform : values()) {
            if (platform.id.equals(id)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown platform \"" + id + "\" (linux, osx, win)");
    }
}
