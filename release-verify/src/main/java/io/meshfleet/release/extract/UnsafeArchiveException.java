package io.meshfleet.release.extract;

/**
 * An archive {@link SafeExtractor} refused: why, which entry, and what a person can do about it. The
 * staging dir is already gone when this is thrown. Extracting the same bytes again gives the same
 * refusal, so it is never worth retrying: either the archive is not what was published, or (for a
 * {@linkplain Reason#isLimit() limit}) an operator must decide whether to raise {@link ExtractionLimits}.
 */
public final class UnsafeArchiveException extends Exception {

    /** Why an archive was refused. */
    public enum Reason {
        /** An entry name has a {@code ..} component (with {@code /} or {@code \} as separator, or a dots-only name Windows reads as {@code ..}). */
        PATH_TRAVERSAL,
        /** An entry name is absolute: {@code /x}, {@code \x}, {@code C:\x} or {@code C:/x}. */
        ABSOLUTE_PATH,
        /** A symlink points outside the staging dir or at the staging dir itself; or a hard link names anything but an earlier regular file of the archive. */
        LINK_ESCAPES,
        /** An entry's path passes through a symlink an earlier entry made. */
        WRITE_THROUGH_LINK,
        /** An entry names a path an earlier entry already made (as a file, link or, for a second directory entry of the same name, a directory). */
        DUPLICATE_ENTRY,
        /** A device, FIFO, socket, sparse file, encrypted entry, unknown compression method or other entry type a release never holds. */
        UNSUPPORTED_ENTRY,
        /** More entries than {@link ExtractionLimits#maxEntries()}. */
        TOO_MANY_ENTRIES,
        /** An entry or the whole archive expands past {@link ExtractionLimits#maxEntryBytes()} or {@link ExtractionLimits#maxTotalBytes()}. */
        TOO_LARGE,
        /** The bytes that came out exceed {@link ExtractionLimits#maxCompressionRatio()} times the archive bytes read to make them. */
        COMPRESSION_RATIO,
        /** Not a well-formed archive: corrupt or truncated data, a NUL or backslash in a name, zip local headers that disagree with the central directory. */
        MALFORMED;

        /** Whether this refusal comes from a configurable limit rather than from something a published release never contains. */
        public boolean isLimit() {
            return this == TOO_MANY_ENTRIES || this == TOO_LARGE || this == COMPRESSION_RATIO;
        }

        String advice() {
            return isLimit()
                    ? "If this is a genuine release that has grown, raise ExtractionLimits; otherwise do not use the archive."
                    : "A published mesh release never contains this: do not use the archive; check where it came from"
                            + " (mirror source, signature) and fetch it again.";
        }
    }

    private final Reason reason;
    private final String entryName;

    /**
     * @param reason    why
     * @param entryName the entry's name as the archive spells it; null when the archive as a whole is refused
     * @param detail    what exactly is wrong, for a person
     */
    public UnsafeArchiveException(Reason reason, String entryName, String detail) {
        super(reason + (entryName == null ? "" : " at entry \"" + printable(entryName) + "\"") + ": " + detail + ". "
                + reason.advice());
        this.reason = reason;
        this.entryName = entryName;
    }

    public Reason reason() {
        return reason;
    }

    /** The refused entry's name exactly as in the archive (it may hold a NUL); null when the whole archive is refused. */
    public String entryName() {
        return entryName;
    }

    /** The name with control characters escaped, so a hostile name cannot garble a log line or a terminal. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
