package io.meshfleet.artifact.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where release archives and their signatures are fetched from: an HTTP(S) base URL (a mirror of
 * Google's release bucket) or a local directory (an air-gapped site carries the files in by hand).
 */
public interface ReleaseSource {

    /**
     * Opens {@code fileName} for reading from byte {@code offset} on.
     *
     * @return the bytes, and where they really start: a source that cannot resume starts at 0
     * @throws FetchException NOT_FOUND when the source has no such file; UNAVAILABLE for any other failure
     */
    Download open(String fileName, long offset) throws FetchException;

    /** How the source is named in events and the catalog (never with credentials). */
    String describe();

    /**
     * An open download.
     *
     * @param body        the bytes from {@code startOffset} on; the caller closes it
     * @param startOffset where {@code body} starts in the file
     * @param totalLength the file's whole length when the source says so
     */
    record Download(InputStream body, long startOffset, OptionalLong totalLength) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** The source a {@code MirrorRelease.source} names (already checked by {@code MirrorRequestCheck}). */
    static ReleaseSource of(String source, HttpClient http, Duration requestTimeout) {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return new HttpReleaseSource(source, http, requestTimeout);
        }
        return new DirectoryReleaseSource(Path.of(source));
    }
}
