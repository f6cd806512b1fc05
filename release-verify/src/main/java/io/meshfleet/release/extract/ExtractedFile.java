package io.meshfleet.release.extract;

/**
 * A regular file written to the staging dir (a hard link of the archive becomes one too, as a copy).
 *
 * @param path       relative to the staging dir, {@code /}-separated, e.g. {@code istio-1.5.10-asm.2/bin/istioctl}
 * @param size       bytes written
 * @param sha256     SHA-256 of the bytes written, lowercase hex, computed while writing them
 * @param executable whether the archive gave it an executable bit (written as mode 0755, else 0644)
 */
public record ExtractedFile(String path, long size, String sha256, boolean executable) {
}
