package io.meshfleet.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast sidecars may be restarted on one cluster.
 *
 * @param podsPerMinutePerNamespace restart rate limit within one namespace
 * @param podsPerMinutePerCluster   restart rate limit across the cluster
 * @param maxUnavailable            how many of a namespace's pods may be restarting at once: a count
 *                                  ({@code "3"}) or a percentage ({@code "25%"}), as in a Deployment's
 *                                  rolling update strategy
 */
public record SidecarLimits(int podsPerMinutePerNamespace, int podsPerMinutePerCluster, String maxUnavailable) {

    private static final Pattern COUNT_OR_PERCENT = Pattern.compile("([0-9]{1,9})(%?)");

    /** The seed procedure's figure: about 100 pods per minute, a quarter of a namespace at a time. */
    public static final SidecarLimits DEFAULT = new SidecarLimits(100, 100, "25%");

    public SidecarLimits {
        Require.positive(podsPerMinutePerNamespace, "podsPerMinutePerNamespace");
        Require.positive(podsPerMinutePerCluster, "podsPerMinutePerCluster");
        Require.nonNull(maxUnavailable, "maxUnavailable");
        Matcher m = COUNT_OR_PERCENT.matcher(maxUnavailable);
        if (!m.matches()) {
            throw new IllegalArgumentException("maxUnavailable must be a count like \"3\" or a percentage like \"25%\", was \"" + maxUnavailable + "\"");
        }
        int value = Integer.parseInt(m.group(1));
        boolean percent = !m.group(2).isEmpty();
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException("maxUnavailable must be 1..n pods or 1%..100%, was \"" + maxUnavailable + "\"");
        }
    }

    /**
     * The number of pods of a namespace with {@code podCount} pods that may be restarting at once.
     * A percentage rounds down but never below one pod, so that every namespace makes progress.
     */
    public int maxUnavailablePods(int podCount) {
        Require.notNegative(podCount, "podCount");
        if (maxUnavailable.endsWith("%")) {
            int percent = Integer.parseInt(maxUnavailable.substring(0, maxUnavailable.length() - 1));
            return Math.max(1, (int) ((long) podCount * percent / 100));
        }
        return Integer.parseInt(maxUnavailable);
    }
}
