package io.meshfleet.sim.release;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The simulated {@code bin/istioctl} of a release: a POSIX sh script with the release version, the
 * image hub and the built-in profiles baked in, as real istioctl compiles them in. See the package
 * documentation for what it does against a cluster.
 */
public final class IstioctlScript {

    private static final String TEMPLATE = "istioctl.sh";
    private static final String HEREDOC_END = "MESHFLEET_PROFILE_EOF";
    private static final Pattern HUB = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]*");

    private IstioctlScript() {
    }

    /** Rejects a hub the script could not carry safely (it is baked into a quoted sh string). */
    static String requireValidHub(String hub) {
        Objects.requireNonNull(hub, "hub");
        if (!HUB.matcher(hub).matches()) {
            throw new IllegalArgumentException("hub must be a registry path such as gcr.io/gke-release/asm: \"" + hub + "\"");
        }
        return hub;
    }

    /** The script text for {@code version}, installing images from {@code hub} unless told otherwise. */
    public static String render(MeshVersion version, String hub) {
        Objects.requireNonNull(version, "version");
        requireValidHub(hub);
        ProfileShape shape = version.profileShape();
        StringBuilder cases = new StringBuilder();
        for (String name : ReleaseLayout.PROFILES) {
            String profile = ReleaseResources.profile(shape, name);
            if (profile.lines().anyMatch(HEREDOC_END::equals)) {
                throw new IllegalStateException("profile " + name + " contains the here-document delimiter");
            }
            cases.append("        ").append(name).append(")\n")
                    .append("            cat <<'").append(HEREDOC_END).append("'\n")
                    .append(profile.endsWith("\n") ? profile : profile + "\n")
                    .append(HEREDOC_END).append('\n')
                    .append("            ;;\n");
        }
        String template = ReleaseResources.text(TEMPLATE);
        if (!template.contains("@PROFILES@\n")) {
            throw new IllegalStateException("istioctl.sh template lost its @PROFILES@ line");
        }
        return template
                .replace("@PROFILES@\n", cases.toString())
                .replace("@VERSION@", version.value())
                .replace("@HUB@", hub)
                .replace("@PROFILE_NAMES@", String.join(" ", ReleaseLayout.PROFILES));
    }
}
