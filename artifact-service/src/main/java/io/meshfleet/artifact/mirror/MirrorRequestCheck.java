package io.meshfleet.artifact.mirror;

import io.meshfleet.events.MirrorRelease;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link MirrorRelease} before anything is fetched: the version becomes part of file
 * names, so it must be a plain release name; the source must be an http(s) URL or an absolute
 * directory. Pure: no I/O.
 */
public final class MirrorRequestCheck {

    /** Platforms a release is published for, named as in the archive names. */
    public static final Set<String> PLATFORMS = Set.of("linux", "osx", "win");

    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+-]{0,62}");

    private MirrorRequestCheck() {
    }

    /** Every problem with the request, each saying what is allowed; empty when it may be mirrored. */
    public static List<String> problems(MirrorRelease request) {
        List<String> problems = new ArrayList<>();
        if (!VERSION.matcher(request.version()).matches() || request.version().contains("..")) {
            problems.add("version '" + request.version()
                    + "' is not a release name: use digits, letters, '.', '+' and '-', e.g. 1.5.10-asm.2");
        }
        if (request.platforms().isEmpty()) {
            problems.add("platforms is empty: name one or more of " + sorted(PLATFORMS));
        }
        for (String platform : request.platforms()) {
            if (!PLATFORMS.contains(platform)) {
                problems.add("platform '" + platform + "' is unknown: use " + sorted(PLATFORMS));
            }
        }
        String sourceProblem = sourceProblem(request.source());
        if (sourceProblem != null) {
            problems.add(sourceProblem);
        }
        return List.copyOf(problems);
    }

    private static String sourceProblem(String source) {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            try {
                URI uri = new URI(source);
                if (uri.getHost() == null) {
                    return "source '" + source + "' has no host";
                }
                if (uri.getUserInfo() != null) {
                    return "source must not carry credentials in the URL; configure them on the artifact-service";
                }
                return null;
            } catch (URISyntaxException e) {
                return "source '" + source + "' is not a valid URL: " + e.getReason();
            }
        }
        if (source.startsWith("/") && Path.of(source).normalize().toString().equals(stripTrailingSlash(source))) {
            return null;
        }
        return "source '" + source + "' must be an http(s) URL or an absolute, normalised directory path";
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
