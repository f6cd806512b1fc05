package io.meshfleet.agent.model;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mesh version such as {@code 1.6.14-asm.1} or {@code 1.8}: major.minor[.patch] and an optional ASM build
 * number, ordered numerically (a missing patch or build counts as 0).
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version, 0 when absent
 * @param build the {@code -asm.N} build, 0 when absent
 * @param text  the version as written
 */
public record MeshVersion(int major, int minor, int patch, int build, String text) implements Comparable<MeshVersion> {

    private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-asm\\.(\\d+))?(?:[-+].*)?");
    private static final Comparator<MeshVersion> ORDER = Comparator.comparingInt(MeshVersion::major)
            .thenComparingInt(MeshVersion::minor).thenComparingInt(MeshVersion::patch)
            .thenComparingInt(MeshVersion::build);

    public MeshVersion {
        Objects.requireNonNull(text, "text");
    }

    /** Parses {@code 1.6.14-asm.1}, {@code 1.5.10}, {@code 1.8}; anything else is an IllegalArgumentException. */
    public static MeshVersion parse(String text) {
        Objects.requireNonNull(text, "version is required");
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a mesh version (expected e.g. 1.6.14-asm.1)");
        }
        return new MeshVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                text.trim());
    }

    /** Whether {@code text} parses as a mesh version. */
    public static boolean isVersion(String text) {
        return text != null && FORMAT.matcher(text.trim()).matches();
    }

    @Override
    public int compareTo(MeshVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return text;
    }
}
