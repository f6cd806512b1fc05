package io.meshfleet.sim.release;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mesh release version such as {@code 1.5.10-asm.2}: part of every archive name and the image tag
 * the release installs.
 *
 * @param value the version exactly as written, e.g. {@code 1.5.10-asm.2}
 */
public record MeshVersion(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?");

    public MeshVersion {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "not a mesh version (MAJOR.MINOR.PATCH with an optional -suffix such as -asm.2): \"" + value + "\"");
        }
    }

    /** Parses {@code 1.5.10} or {@code 1.5.10-asm.2}; anything else (spaces, quotes, slashes) is rejected. */
    public static MeshVersion parse(String value) {
        return new MeshVersion(value);
    }

    public int major() {
        return part(1);
    }

    public int minor() {
        return part(2);
    }

    public int patch() {
        return part(3);
    }

    /** The shape of the built-in profiles a release of this version carries. */
    public ProfileShape profileShape() {
        return ProfileShape.forVersion(this);
    }

    private int part(int group) {
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalStateException(value);
        }
        return Integer.parseInt(matcher.group(group));
    }

    @Override
    public String toString() {
        return value;
    }
}
