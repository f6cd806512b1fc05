package io.meshfleet.release.extract;

/** A platform a mesh release ships an archive for, named as in the upstream archive names. */
public enum Platform {

    /** {@code istio-<version>-linux.tar.gz}. */
    LINUX("linux", ArchiveType.TAR_GZ, ".tar.gz", "istioctl"),

    /** {@code istio-<version>-osx.tar.gz}. */
    OSX("osx", ArchiveType.TAR_GZ, ".tar.gz", "istioctl"),

    /** {@code istio-<version>-win.zip}, with {@code bin/istioctl.exe}. */
    WIN("win", ArchiveType.ZIP, ".zip", "istioctl.exe");

    private final String id;
    private final ArchiveType archiveType;
    private final String extension;
    private final String istioctlName;

    Platform(String id, ArchiveType archiveType, String extension, String istioctlName) {
        this.id = id;
        this.archiveType = archiveType;
        this.extension = extension;
        this.istioctlName = istioctlName;
    }

    /** {@code linux}, {@code osx} or {@code win}, as in archive names. */
    public String id() {
        return id;
    }

    public ArchiveType archiveType() {
        return archiveType;
    }

    /** {@code istioctl}, or {@code istioctl.exe} on Windows. */
    public String istioctlName() {
        return istioctlName;
    }

    /** The archive's file name for {@code version}, e.g. {@code istio-1.5.10-asm.2-linux.tar.gz}. */
    public String archiveName(String version) {
        return "istio-" + version + "-" + id + extension;
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
