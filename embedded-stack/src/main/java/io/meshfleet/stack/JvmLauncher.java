package io.meshfleet.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Command lines for the broker's JVM: its classpath, the parent watchdog in front of the main class, and a class-data
 * sharing archive kept in the temporary directory that later starts map instead of loading Kafka's classes again.
 */
final class JvmLauncher {

    /** System property: {@code false} turns the class-data sharing archive off. */
    static final String CDS_PROPERTY = "meshfleet.kafka.cds";

    private static final System.Logger LOG = System.getLogger(JvmLauncher.class.getName());
    private static final String WATCHDOG_CLASS = "io.meshfleet.stack.internal.ParentWatchdog";

    private final List<String> classpath;
    private final boolean watchdog;
    private final Path archive;
    private Path pendingArchive;

    private JvmLauncher(List<String> classpath, boolean watchdog, Path archive) {
        this.classpath = List.copyOf(classpath);
        this.watchdog = watchdog;
        this.archive = archive;
    }

    /** A launcher for the given broker jars; the watchdog jar and the archive live under the temporary directory. */
    static JvmLauncher forBroker(List<String> brokerClasspath) {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "meshfleet-kafka-jvm");
        List<String> classpath = new ArrayList<>(brokerClasspath);
        Path watchdogJar = watchdogJar(cache);
        if (watchdogJar != null) {
            // Last, so that the same archive serves every start whatever the data directory.
            classpath.add(watchdogJar.toString());
        }
        Path archive = null;
        if (!"false".equalsIgnoreCase(System.getProperty(CDS_PROPERTY, "true"))) {
            String key = sha256(System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n'
                    + String.join(java.io.File.pathSeparator, classpath)).substring(0, 20);
            archive = cache.resolve("kafka-" + key + ".jsa");
        }
        return new JvmLauncher(classpath, watchdogJar != null, archive);
    }

    /** A launcher for an application (a Quarkus service's {@code quarkus-run.jar}), with the watchdog and no class archive. */
    static JvmLauncher forApplication(List<String> applicationClasspath) {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "meshfleet-kafka-jvm");
        List<String> classpath = new ArrayList<>(applicationClasspath);
        Path watchdogJar = watchdogJar(cache);
        if (watchdogJar != null) {
            classpath.add(watchdogJar.toString());
        }
        return new JvmLauncher(classpath, watchdogJar != null, null);
    }

    /**
     * The command line: java, the options, the class archive, the classpath, the watchdog, the main class and its
     * arguments. With {@code dumpArchive}, a missing archive is written when that JVM exits normally.
     */
    List<String> command(List<String> jvmOptions, List<String> mainClassAndArguments, boolean dumpArchive) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (archive != null) {
            // Classes CDS cannot archive (generated accessors, optional log4j parts) only deserve a quiet skip.
            command.add("-Xlog:cds*=error");
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else if (dumpArchive) {
                pendingArchive = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
                command.add("-XX:ArchiveClassesAtExit=" + pendingArchive);
            }
        }
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        if (watchdog) {
            command.add(WATCHDOG_CLASS);
        }
        command.addAll(mainClassAndArguments);
        return command;
    }

    /**
     * To be called once the JVM of the last dumping {@link #command} has exited: publishes its archive when it exited
     * on its own (a killed JVM may have left a partial one, which is discarded).
     */
    synchronized void exited(boolean normally) {
        Path pending = pendingArchive;
        pendingArchive = null;
        if (pending == null) {
            return;
        }
        try {
            if (normally && Files.isRegularFile(pending) && Files.size(pending) > 0 && !Files.exists(archive)) {
                moveAtomically(pending, archive);
                LOG.log(Level.DEBUG, "Kafka class-data archive written to {0}", archive);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not publish the Kafka class-data archive " + pending, e);
        } finally {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Could not delete " + pending, e);
            }
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        } catch (FileAlreadyExistsException e) {
            // Another JVM published the same archive first.
        }
    }

    /** Packs the watchdog class (read from our own class loader) into a small jar, once per content. */
    private static Path watchdogJar(Path cache) {
        String resource = WATCHDOG_CLASS.replace('.', '/') + ".class";
        try (InputStream in = resourceStream(resource)) {
            if (in == null) {
                LOG.log(Level.WARNING, "{0} not found; the broker will not notice if this JVM dies", resource);
                return null;
            }
            byte[] bytes = in.readAllBytes();
            Files.createDirectories(cache);
            Path jar = cache.resolve("watchdog-" + sha256(bytes).substring(0, 16) + ".jar");
            if (!Files.isRegularFile(jar)) {
                Path temp = cache.resolve(jar.getFileName() + "." + UUID.randomUUID() + ".tmp");
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
                try (OutputStream file = Files.newOutputStream(temp);
                        JarOutputStream out = new JarOutputStream(file, manifest)) {
                    JarEntry entry = new JarEntry(resource);
                    entry.setTime(0);
                    out.putNextEntry(entry);
                    out.write(bytes);
                    out.closeEntry();
                }
                moveAtomically(temp, jar);
                Files.deleteIfExists(temp);
            }
            return jar;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not prepare the parent watchdog; the broker will not notice if this JVM dies", e);
            return null;
        }
    }

    private static InputStream resourceStream(String name) {
        ClassLoader loader = JvmLauncher.class.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null && Thread.currentThread().getContextClassLoader() != null) {
            in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        }
        return in;
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
