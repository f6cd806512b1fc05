package io.meshfleet.release.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds test archives: release-like trees packed by the real {@code tar} and {@code zip}, and the
 * archives those tools will not write, crafted with commons-compress or by patching bytes.
 */
final class TestArchives {

    static final String VERSION = "1.5.10-asm.2";
    static final String TOP = "istio-" + VERSION;
    static final List<String> PROFILES = List.of("asm-multicloud", "default", "minimal");
    static final List<String> SAMPLES = List.of("bookinfo", "sleep");
    /** A path over 100 bytes, so tar needs a GNU long-name entry or a PAX path record for it. */
    static final String LONG_PATH = TOP + "/manifests/charts/istio-control/istio-discovery/templates/"
            + "mutatingwebhookconfiguration-revision-tag-for-the-default-injector.yaml";

    private TestArchives() {
    }

    static String istioctlScript() {
        return "#!/bin/sh\necho \"istioctl " + VERSION + "\"\n";
    }

    /**
     * Writes a release laid out like the real one under {@code src}: {@code istio-<version>/} with istioctl
     * (0755), profiles, samples, a long path, a relative symlink and, when {@code hardLink}, a hard link.
     */
    static void releaseTree(Path src, Platform platform, boolean hardLink) throws IOException {
        Path top = src.resolve(TOP);
        Path istioctl = write(top.resolve("bin").resolve(platform.istioctlName()), istioctlScript());
        Files.setPosixFilePermissions(istioctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(top.resolve("manifest.yaml"), "version: " + VERSION + "\n");
        for (String profile : PROFILES) {
            write(top.resolve("manifests/profiles/" + profile + ".yaml"), "spec:\n  profile: " + profile + "\n");
        }
        write(top.resolve("manifests/profiles/README.md"), "not a profile\n");
        write(top.resolve("samples/bookinfo/platform/kube/bookinfo.yaml"), "kind: Service\n");
        write(top.resolve("samples/sleep/sleep.yaml"), "kind: Deployment\n");
        write(top.resolve("samples/README.md"), "not a sample\n");
        write(src.resolve(LONG_PATH), "kind: MutatingWebhookConfiguration\n");
        Files.createDirectories(top.resolve("tools"));
        Files.createSymbolicLink(top.resolve("tools/istioctl"), Path.of("../bin/" + platform.istioctlName()));
        if (hardLink) {
            Files.createLink(top.resolve("bin/istioctl-hardlink"), istioctl);
        }
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** Runs a real command in {@code dir} and returns its output; it must exit 0 within a minute. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit code; output: %s", List.of(command), text).isZero();
        return text;
    }

    static boolean zipAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "zip"))) {
                return true;
            }
        }
        return false;
    }

    /** A tar.gz written by commons-compress, for the entries the tar CLI cannot be made to write. */
    static Path craftedTarGz(Path target, TarContent content) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            content.write(tar);
        }
        return target;
    }

    /** A zip written by commons-compress, for the entries the zip CLI cannot be made to write. */
    static Path craftedZip(Path target, ZipContent content) throws IOException {
        // A stream rather than the file: the seekable writer goes back to patch every local header, which
        // takes seconds for 100,000 entries.
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            content.write(zip);
        }
        return target;
    }

    /** Writes entries into a crafted tar. */
    @FunctionalInterface
    interface TarContent {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** Writes entries into a crafted zip. */
    @FunctionalInterface
    interface ZipContent {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    static void tarFile(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        // preserveAbsolutePath: the writer must not tidy the hostile names the tests need.
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    static void tarEntry(TarArchiveOutputStream tar, String name, byte type, String linkName) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        if (linkName != null) {
            entry.setLinkName(linkName);
        }
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static void zipFile(ZipArchiveOutputStream zip, String name, String content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    /**
     * Writes a tar.gz of {@code entries} entries {@code prefix0, prefix1, ...}, each {@code entrySize} zero
     * bytes, compressed about 1000:1, streaming and in well under a second for 1 GiB: once compressing one
     * more MiB of zeros yields the same bytes as the MiB before (the deflate window holds nothing but zeros
     * by then), those bytes are written again instead of compressing every MiB. The gzip trailer carries the
     * CRC and length of the whole tar, so {@code gunzip -t} accepts it and {@code tar -t} lists it.
     */
    static Path zeroBomb(Path target, String prefix, int entries, long entrySize) throws IOException {
        long padded = (entrySize + 511) / 512 * 512;
        long content = entries * (512 + padded) + 1024;
        long record = 10240;
        long tarLength = (content + record - 1) / record * record;
        CRC32 crc = new CRC32();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            for (int i = 0; i < entries; i++) {
                TarArchiveEntry entry = new TarArchiveEntry(prefix + i);
                entry.setSize(entrySize);
                entry.setMode(0100644);
                byte[] header = new byte[512];
                entry.writeEntryHeader(header);
                crc.update(header);
                deflater.setInput(header);
                out.write(drain(deflater, Deflater.NO_FLUSH));
                // The last entry's zeros run on into the end-of-archive blocks and the record padding.
                long zeros = padded + (i == entries - 1 ? tarLength - content + 1024 : 0);
                writeZeros(deflater, crc, out, zeros);
            }
            deflater.finish();
            out.write(drain(deflater, Deflater.NO_FLUSH));
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                    .putInt((int) tarLength).array());
        } finally {
            deflater.end();
        }
        return target;
    }

    private static void writeZeros(Deflater deflater, CRC32 crc, OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[1 << 20];
        byte[] previous = null;
        byte[] repeat = null;
        for (long remaining = count; remaining > 0; ) {
            int n = (int) Math.min(remaining, zeros.length);
            if (repeat != null && n == zeros.length) {
                out.write(repeat);
            } else {
                deflater.setInput(zeros, 0, n);
                byte[] chunk = drain(deflater, Deflater.SYNC_FLUSH);
                out.write(chunk);
                if (n == zeros.length && Arrays.equals(previous, chunk)) {
                    repeat = chunk;
                }
                previous = chunk;
            }
            crc.update(zeros, 0, n);
            remaining -= n;
        }
    }

    private static byte[] drain(Deflater deflater, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
            if (deflater.finished() || n < buffer.length && deflater.needsInput()) {
                return out.toByteArray();
            }
        }
    }

    /** Offsets of the central-directory records of a zip, in order. */
    static List<Integer> centralRecords(byte[] zip) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        while (buffer.getInt(end) != 0x06054b50) {
            end--;
        }
        List<Integer> records = new ArrayList<>();
        for (int position = buffer.getInt(end + 16); position < end; ) {
            records.add(position);
            position += 46 + Short.toUnsignedInt(buffer.getShort(position + 28))
                    + Short.toUnsignedInt(buffer.getShort(position + 30)) + Short.toUnsignedInt(buffer.getShort(position + 32));
        }
        return records;
    }
}
