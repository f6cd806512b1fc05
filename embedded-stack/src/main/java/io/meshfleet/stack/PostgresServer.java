package io.meshfleet.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky's embedded binaries) on a loopback port it keeps, with data that survives restarts. */
public final class PostgresServer implements AutoCloseable {

    /** The superuser every connection uses. */
    public static final String USERNAME = "postgres";

    /** The superuser's password (the server trusts loopback connections, so any password is accepted). */
    public static final String PASSWORD = "postgres";

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final String STATE_FILE = "meshfleet-postgres.properties";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int LOG_TAIL_LINES = 40;

    private final Path dataDirectory;
    private final DataDirectory ownDirectory;
    private final Duration startTimeout;
    private final Map<String, String> serverConfig;

    private int port;
    private EmbeddedPostgres postgres;
    private Thread shutdownHook;
    private boolean closed;
    private Duration lastStartDuration;

    /** A server with its data in a temporary directory, deleted by {@link #close()}. */
    public PostgresServer() {
        this(builder());
    }

    /**
     * A server with its data in {@code dataDirectory}.
     *
     * @param dataDirectory the PostgreSQL data directory (PGDATA); initialised on first start, kept afterwards
     */
    public PostgresServer(Path dataDirectory) {
        this(builder().dataDirectory(Objects.requireNonNull(dataDirectory, "dataDirectory")));
    }

    private PostgresServer(Builder builder) {
        DataDirectory directory = DataDirectory.of(builder.dataDirectory, "meshfleet-pg-", "PostgreSQL");
        this.dataDirectory = directory.path();
        this.ownDirectory = directory;
        this.port = builder.port;
        this.startTimeout = builder.startTimeout;
        this.serverConfig = new LinkedHashMap<>(builder.serverConfig);
    }

    /**
     * Options for a server; without a data directory it uses a temporary one, deleted by {@link #close()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts PostgreSQL (running initdb on first use) and blocks until it answers a query. Does nothing when it is
     * already running.
     *
     * @throws IllegalStateException when it does not start; the message holds the end of its log
     */
    public synchronized void start() {
        ensureOpen();
        if (postgres != null) {
            return;
        }
        long begin = System.nanoTime();
        stopOrphanedPostmaster();
        if (port == 0) {
            int stored = Integer.parseInt(Files2.load(dataDirectory.resolve(STATE_FILE)).getProperty("port", "0"));
            port = stored > 0 && Ports.isFree(stored) ? stored : Ports.freePorts(1)[0];
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(startTimeout)
                .setRegisterShutdownHook(false)
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql.log")
                .setServerConfig("log_rotation_age", "0")
                .setServerConfig("log_rotation_size", "0");
        serverConfig.forEach(builder::setServerConfig);
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " with data in "
                    + dataDirectory + ": " + e + System.lineSeparator()
                    + "--- last lines of " + logFile() + " ---" + System.lineSeparator()
                    + Files2.tail(logFile(), LOG_TAIL_LINES), e);
        }
        Files2.write(dataDirectory.resolve(STATE_FILE),
                "# Written by meshfleet's PostgresServer: the port is kept across restarts.\nport=" + port + "\n");
        registerShutdownHook();
        lastStartDuration = Duration.ofNanos(System.nanoTime() - begin);
        LOG.log(Level.INFO, "PostgreSQL ready on 127.0.0.1:{0,number,#} in {1,number,#} ms (data in {2})",
                port, lastStartDuration.toMillis(), dataDirectory);
    }

    /**
     * The JDBC URL of a database on this server, {@code jdbc:postgresql://127.0.0.1:<port>/<database>}.
     *
     * @param database the database name
     * @return the JDBC URL
     * @throws IllegalStateException when the server was never started
     */
    public synchronized String jdbcUrl(String database) {
        if (port == 0) {
            throw new IllegalStateException("The PostgreSQL server has not been started yet");
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + Objects.requireNonNull(database, "database");
    }

    /**
     * Creates a database unless it exists.
     *
     * @param name letters, digits and underscores, not starting with a digit, at most 63 characters
     * @return the database's JDBC URL
     */
    public String createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL database name: " + name);
        }
        try (Connection connection = connect("postgres")) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Opens a connection as the superuser.
     *
     * @param database the database to connect to
     * @return a new connection, to be closed by the caller
     * @throws SQLException when PostgreSQL refuses or is not running
     */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USERNAME);
        properties.setProperty("password", PASSWORD);
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver did not accept " + jdbcUrl(database));
        }
        return connection;
    }

    /** Stops PostgreSQL ({@code pg_ctl stop -m fast}); the data stays. */
    public synchronized void stop() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            return;
        }
        long begin = System.nanoTime();
        try {
            running.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Stopping PostgreSQL on port " + port + " failed", e);
        } finally {
            postgres = null;
        }
        LOG.log(Level.INFO, "PostgreSQL on 127.0.0.1:{0,number,#} stopped in {1,number,#} ms",
                port, Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    /** Stops PostgreSQL if it runs, then starts it again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops PostgreSQL and releases this instance; a temporary data directory is deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook finds no server and does nothing.
            }
            shutdownHook = null;
        }
        ownDirectory.release();
    }

    /**
     * Whether the server has been started and not stopped since.
     *
     * @return true while started
     */
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * The port, 0 before the first start unless one was configured.
     *
     * @return the port PostgreSQL listens on
     */
    public synchronized int port() {
        return port;
    }

    /**
     * The superuser name, {@value #USERNAME}.
     *
     * @return the user name for JDBC
     */
    public String username() {
        return USERNAME;
    }

    /**
     * The superuser password, {@value #PASSWORD}.
     *
     * @return the password for JDBC
     */
    public String password() {
        return PASSWORD;
    }

    /**
     * The PostgreSQL data directory (PGDATA).
     *
     * @return the absolute data directory
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The server's own log file, inside the data directory.
     *
     * @return the log file
     */
    public Path logFile() {
        return dataDirectory.resolve("log").resolve("postgresql.log");
    }

    /**
     * How long the last successful {@link #start()} took, null before one.
     *
     * @return the duration of the last start
     */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + (port == 0 ? "not started" : "127.0.0.1:" + port) + ", " + dataDirectory + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This PostgresServer has been closed");
        }
    }

    /**
     * A JVM killed with SIGKILL cannot stop its PostgreSQL (pg_ctl detaches it). When the data directory's
     * postmaster still runs but nobody holds zonky's lock on the directory any more, stop that orphan first.
     */
    private void stopOrphanedPostmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            postmaster = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return;
        }
        if (postmaster.isEmpty() || !postmaster.get().isAlive()
                || !postmaster.get().info().command().orElse("").endsWith("postgres")
                || !ownerIsGone()) {
            return;
        }
        ProcessHandle orphan = postmaster.get();
        LOG.log(Level.WARNING, "Stopping the PostgreSQL server (pid {0,number,#}) left running on {1} by a process "
                + "that died", orphan.pid(), dataDirectory);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            orphan.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when nobody holds the lock zonky keeps on the data directory while its server runs. */
    private boolean ownerIsGone() {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private void registerShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopOnShutdown, "meshfleet-postgres-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Runs without the instance lock: the JVM may exit while another thread holds it. */
    private void stopOnShutdown() {
        EmbeddedPostgres running = postgres;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Stopping PostgreSQL at JVM exit failed", e);
            }
        }
    }

    /** Options of a {@link PostgresServer}; each has a default. */
    public static final class Builder {

        private Path dataDirectory;
        private int port;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The PostgreSQL data directory; default: a temporary directory deleted on {@link PostgresServer#close()}.
         *
         * @param directory an empty or missing directory, or one this class initialised before
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * A fixed port; default: the one used last time with this data directory, else a free one.
         *
         * @param port a TCP port, or 0 to choose
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long PostgreSQL may take to accept connections; default 60 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Sets one server setting (passed as {@code -c key=value}).
         *
         * @param key a postgresql.conf setting
         * @param value its value
         * @return this builder
         */
        public Builder serverConfig(String key, String value) {
            serverConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the server; it starts with {@link PostgresServer#start()}.
         *
         * @return a server that is not yet running
         */
        public PostgresServer build() {
            return new PostgresServer(this);
        }
    }
}
