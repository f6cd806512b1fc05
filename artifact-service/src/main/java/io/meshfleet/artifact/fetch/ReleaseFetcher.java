package io.meshfleet.artifact.fetch;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Downloads one release file into a work file, streaming: each chunk is hashed with the JDK's SHA-256
 * (SHA-NI intrinsics) and written as it arrives, so memory use does not depend on the file's size and
 * the digest is of exactly the bytes kept. A work file left by an interrupted attempt (or a crash) is
 * resumed: its bytes are hashed again from disk and the rest is requested from where it ends. A file
 * larger than the bound is refused as soon as that is known, and a download that stalls is aborted.
 */
public final class ReleaseFetcher {

    private static final int BUFFER = 1 << 20;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "release-fetch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration stallTimeout;

    /** @param stallTimeout how long a download may go without receiving a byte before it is aborted (and retried) */
    public ReleaseFetcher(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /**
     * What was fetched.
     *
     * @param file        the work file holding every byte
     * @param sha256      SHA-256 of those bytes
     * @param size        their number
     * @param resumedFrom how many bytes an earlier attempt had fetched (0 for a fresh download)
     * @param hashNanos   time spent hashing
     */
    public record Fetched(Path file, byte[] sha256, long size, long resumedFrom, long hashNanos) {
    }

    /**
     * Fetches {@code fileName} from {@code source} into {@code workFile}, resuming what the work file holds.
     *
     * @param maxBytes the largest file accepted
     * @param received told of every chunk's size, for progress and metrics
     * @throws FetchException the file is missing, too large, or the attempt failed (the work file keeps
     *                        what arrived so the next attempt resumes, except when too large: then it is deleted)
     */
    public Fetched fetch(ReleaseSource source, String fileName, Path workFile, long maxBytes, LongConsumer received)
            throws FetchException {
        MessageDigest sha256 = newSha256();
        long[] hashNanos = {0};
        long have;
        try {
            have = Files.exists(workFile) ? rehash(workFile, sha256, hashNanos) : 0;
        } catch (IOException e) {
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "cannot read the partial download " + workFile
                    + ": " + e.getMessage(), e);
        }
        if (have > maxBytes) {
            discard(workFile);
            have = 0;
            sha256.reset();
        }
        ReleaseSource.Download download = source.open(fileName, have);
        try (download) {
            if (download.startOffset() != have) {
                // The source could not resume: it sends the whole file again.
                sha256.reset();
                have = 0;
                Files.write(workFile, new byte[0]);
            }
            if (download.totalLength().isPresent() && download.totalLength().getAsLong() > maxBytes) {
                discard(workFile);
                throw tooLarge(source, fileName, download.totalLength().getAsLong() + " bytes", maxBytes);
            }
            long size = copy(download.body(), workFile, have, sha256, hashNanos, maxBytes, received, source, fileName);
            if (download.totalLength().isPresent() && size != download.totalLength().getAsLong()) {
                throw new FetchException(FetchException.Problem.UNAVAILABLE, fileName + " from " + source.describe()
                        + " ended after " + size + " of " + download.totalLength().getAsLong() + " bytes");
            }
            return new Fetched(workFile, sha256.digest(), size, have, hashNanos[0]);
        } catch (IOException e) {
            throw new FetchException(FetchException.Problem.UNAVAILABLE, "fetching " + fileName + " from "
                    + source.describe() + " failed: " + e.getMessage(), e);
        }
    }

    private long copy(InputStream body, Path workFile, long have, MessageDigest sha256, long[] hashNanos, long maxBytes,
            LongConsumer received, ReleaseSource source, String fileName) throws IOException, FetchException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(1, stallTimeout.toMillis() / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    body.close(); // unblocks the read below
                } catch (IOException ignored) {
                    // the read fails either way
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        long size = have;
        try (FileChannel out = FileChannel.open(workFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.position(have);
            out.truncate(have);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = body.read(buffer)) != -1; ) {
                lastProgress.set(System.nanoTime());
                if (size + n > maxBytes) {
                    out.close();
                    discard(workFile);
                    throw tooLarge(source, fileName, "more than " + maxBytes + " bytes", maxBytes);
                }
                long start = System.nanoTime();
                sha256.update(buffer, 0, n);
                hashNanos[0] += System.nanoTime() - start;
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
                received.accept(n);
            }
            out.force(true);
        } catch (IOException e) {
            if (stalled.get()) {
                throw new IOException("no data for " + stallTimeout.toSeconds() + " s after " + size + " bytes", e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        return size;
    }

    private static long rehash(Path workFile, MessageDigest sha256, long[] hashNanos) throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = new FileInputStream(workFile.toFile())) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                long start = System.nanoTime();
                sha256.update(buffer, 0, n);
                hashNanos[0] += System.nanoTime() - start;
                size += n;
            }
        }
        return size;
    }

    private static FetchException tooLarge(ReleaseSource source, String fileName, String size, long maxBytes) {
        return new FetchException(FetchException.Problem.TOO_LARGE, fileName + " from " + source.describe() + " is "
                + size + ", over the limit of " + maxBytes + " bytes (meshfleet.artifacts.max-archive-bytes)");
    }

    private static void discard(Path workFile) {
        try {
            Files.deleteIfExists(workFile);
        } catch (IOException ignored) {
            // a later attempt overwrites it
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
