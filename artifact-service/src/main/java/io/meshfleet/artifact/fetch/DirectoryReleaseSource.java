package io.meshfleet.artifact.fetch;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Release files carried into an air-gapped site and dropped into a local directory. */
public final class DirectoryReleaseSource implements ReleaseSource {

    private final Path directory;

    public DirectoryReleaseSource(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public Download open(String fileName, long offset) throws FetchException {
        if (!Files.isDirectory(directory)) {
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "source directory " + directory
                    + " does not exist or is not a directory: copy the release files there, or fix the request's source");
        }
        if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new FetchException(FetchException.Problem.NOT_FOUND, "'" + fileName + "' is not a plain file name");
        }
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new FetchException(FetchException.Problem.NOT_FOUND, "no file " + fileName + " in " + directory);
        }
        try {
            long length = Files.size(file);
            // FileInputStream reads straight into the caller's heap buffer (see ReleaseVerifier).
            FileInputStream in = new FileInputStream(file.toFile());
            long start = Math.min(offset, length);
            in.getChannel().position(start);
            return new Download(in, start, OptionalLong.of(length));
        } catch (IOException e) {
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "cannot read " + file + ": " + e.getMessage()
                    + " (check the artifact-service's permissions on the directory)", e);
        }
    }

    @Override
    public String describe() {
        return directory.toString();
    }
}
