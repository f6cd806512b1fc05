package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry's place in the staging dir once its name has passed the naming rules: relative, with no
 * {@code ..}, no empty or {@code .} component; no components at all means the staging dir itself. Also
 * decides whether a symlink target may be written. Pure: the file system is {@link StagingTree}'s business.
 */
record EntryPath(List<String> components) {

    EntryPath {
        components = List.copyOf(components);
    }

    /**
     * Applies the naming rules to an entry name. A name is refused when it holds a NUL (the OS would cut it
     * short there), is absolute in Unix or Windows terms, has a {@code ..} component with either slash as
     * separator, or holds a backslash at all: Windows reads a backslash as a separator, so a name that looks
     * like one harmless component on Linux can be a path there, and releases never use one.
     */
    static EntryPath parse(String name) throws UnsafeArchiveException {
        if (name.isEmpty()) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name, "the entry has an empty name");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name,
                    "the name holds a NUL byte, so the operating system would see a shorter name than the archive shows");
        }
        if (isAbsolute(name)) {
            throw new UnsafeArchiveException(Reason.ABSOLUTE_PATH, name,
                    "the name is an absolute path, which would be written outside the staging dir");
        }
        for (String part : name.split("[/\\\\]", -1)) {
            if (climbs(part)) {
                throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL, name,
                        "the name has a \"" + part + "\" component, which climbs out of the directory it is in");
            }
        }
        if (name.indexOf('\\') >= 0) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name,
                    "the name holds a backslash, which Windows reads as a path separator");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return new EntryPath(parts);
    }

    /**
     * Checks a symlink target for a link at this path and returns it normalized ({@code .} and empty
     * components dropped). The target must be relative, may climb with {@code ..} only at its start, and
     * must land strictly inside the staging dir. {@code ..} after a name is refused because where it lands
     * depends on whether that name is itself a link (possibly one a later entry makes), which a lexical check
     * cannot know; with {@code ..} only in front, every climb passes through real directories this
     * extraction made, so the lexical answer is the real one.
     */
    String checkSymlinkTarget(String entryName, String target) throws UnsafeArchiveException {
        if (target.isEmpty()) {
            throw new UnsafeArchiveException(Reason.MALFORMED, entryName, "the symlink has an empty target");
        }
        if (target.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException(Reason.MALFORMED, entryName, "the symlink target holds a NUL byte");
        }
        String shown = "\"" + UnsafeArchiveException.printable(target) + "\"";
        if (isAbsolute(target)) {
            throw new UnsafeArchiveException(Reason.LINK_ESCAPES, entryName,
                    "the symlink points at the absolute path " + shown + ", outside the staging dir");
        }
        if (target.indexOf('\\') >= 0) {
            throw new UnsafeArchiveException(Reason.LINK_ESCAPES, entryName, "the symlink target " + shown
                    + " holds a backslash, which Windows reads as a separator, so where it points depends on the OS");
        }
        int up = 0;
        List<String> names = new ArrayList<>();
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (climbs(part)) {
                if (!names.isEmpty() || !part.equals("..")) {
                    throw new UnsafeArchiveException(Reason.LINK_ESCAPES, entryName, "the symlink target " + shown
                            + " climbs with \"" + part + "\" after a name; only leading \"..\" can be checked without"
                            + " following links");
                }
                up++;
            } else {
                names.add(part);
            }
        }
        int depth = components.size() - 1;
        if (up > depth) {
            throw new UnsafeArchiveException(Reason.LINK_ESCAPES, entryName, "the symlink target " + shown + " climbs "
                    + up + " levels from a directory " + depth + " deep, out of the staging dir");
        }
        if (up == depth && names.isEmpty()) {
            throw new UnsafeArchiveException(Reason.LINK_ESCAPES, entryName, "the symlink target " + shown
                    + " is the staging dir itself, so anything written through it would land beside the release");
        }
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < up; i++) {
            normalized.add("..");
        }
        normalized.addAll(names);
        return String.join("/", normalized);
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    int depth() {
        return components.size();
    }

    /** The first {@code count} components: the path of an ancestor directory. */
    EntryPath prefix(int count) {
        return new EntryPath(components.subList(0, count));
    }

    Path resolveIn(Path root) {
        Path path = root;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }

    @Override
    public String toString() {
        return String.join("/", components);
    }

    /**
     * Whether the name is absolute on Unix or on Windows ({@code \x}, {@code C:x}: a drive-relative path
     * is still outside the staging dir).
     */
    private static boolean isAbsolute(String name) {
        char first = name.charAt(0);
        if (first == '/' || first == '\\') {
            return true;
        }
        return name.length() >= 2 && name.charAt(1) == ':' && (first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z');
    }

    /**
     * {@code ..}, and any other component of only dots and spaces but {@code .}: Windows drops trailing dots
     * and spaces, so {@code "... "} or {@code ".. "} is {@code ..} there.
     */
    private static boolean climbs(String part) {
        if (part.isEmpty() || part.equals(".")) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c != '.' && c != ' ') {
                return false;
            }
        }
        return part.indexOf('.') >= 0;
    }
}
