package io.meshfleet.release.extract;

/**
 * A symlink written to the staging dir; its target is relative and stays inside the staging dir.
 *
 * @param path   relative to the staging dir, {@code /}-separated
 * @param target the link's target as written: relative to the link's directory, {@code ..} only at its start
 */
public record ExtractedLink(String path, String target) {
}
