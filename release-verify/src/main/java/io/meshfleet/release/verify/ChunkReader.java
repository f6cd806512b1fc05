package io.meshfleet.release.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on its own thread into a few reused buffers, so that reading the next chunk
 * overlaps with hashing the current one. Memory is bounded by {@link #BUFFERS} x {@link #CHUNK}.
 */
final class ChunkReader implements AutoCloseable {

    static final int CHUNK = 1 << 20;
    static final int BUFFERS = 3;

    /** A filled buffer; {@code length} bytes of it are valid. */
    record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread reader;
    private volatile IOException failure;

    ChunkReader(InputStream in) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[CHUNK]);
        }
        reader = new Thread(() -> readAll(in), "release-verify-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next chunk in stream order, or null at the end of the stream. */
    Chunk next() throws IOException {
        Chunk chunk;
        try {
            chunk = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the archive");
        }
        if (chunk == END) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return chunk;
    }

    /** Gives a chunk's buffer back for reuse once its bytes are consumed. */
    void release(Chunk chunk) {
        free.add(chunk.bytes());
    }

    private void readAll(InputStream in) {
        try {
            while (true) {
                byte[] buffer = free.take();
                int length = fill(in, buffer);
                if (length > 0) {
                    filled.put(new Chunk(buffer, length));
                }
                if (length < buffer.length) {
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("reading the archive was cancelled");
        } finally {
            filled.offer(END);
        }
    }

    /** Reads until the buffer is full or the stream ends; the number of bytes read. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        while (total < buffer.length) {
            int n = in.read(buffer, total, buffer.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
