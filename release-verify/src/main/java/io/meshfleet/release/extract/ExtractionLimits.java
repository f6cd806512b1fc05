package io.meshfleet.release.extract;

/**
 * How much an archive may expand to before {@link SafeExtractor} refuses it. Every limit is judged on
 * the bytes actually read and written, never on sizes the archive's headers claim, since headers can lie.
 *
 * @param maxEntries          entries of any kind (files, directories, links)
 * @param maxTotalBytes       bytes written to files, hard-link copies included
 * @param maxEntryBytes       bytes written to one file
 * @param maxCompressionRatio most bytes produced per archive byte read, once {@code ratioFloorBytes} have been produced
 * @param ratioFloorBytes     bytes produced before the ratio is judged, because the first kilobytes of any archive
 *                            (headers, a small text file) can compress very well
 */
public record ExtractionLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio,
        long ratioFloorBytes) {

    /**
     * Sized for a mesh release with room to grow: a release holds a few thousand entries and expands to a few
     * hundred MiB (istioctl, the largest file, to roughly 100 MiB), and the whole archive compresses about 3:1;
     * a gzip or deflate bomb reaches about 1000:1.
     */
    public static final ExtractionLimits MESH_RELEASE =
            new ExtractionLimits(20_000, 2L << 30, 512L << 20, 100, 1L << 20);

    public ExtractionLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || maxCompressionRatio < 1 || ratioFloorBytes < 0) {
            throw new IllegalArgumentException("extraction limits must be positive: " + maxEntries + " entries, "
                    + maxTotalBytes + " total bytes, " + maxEntryBytes + " bytes per entry, ratio " + maxCompressionRatio
                    + ", ratio floor " + ratioFloorBytes);
        }
    }
}
