package io.meshfleet.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service JVM starts with its environment, is seen ready over HTTP, stops and is killed; a failing one says why. */
class ServiceJvmTest {

    @TempDir
    Path dir;

    private ServiceJvm.Builder server() {
        return ServiceJvm.builder("healthy", dir.resolve("unused.jar"))
                .main(HealthyServerMain.class.getName(), List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)))
                .logFile(dir.resolve("healthy.log"));
    }

    @Test
    void startsWithItsEnvironmentIsReadyAndStops() throws Exception {
        ServiceJvm jvm = server().env("GREETING", "hello").build().start();
        try {
            jvm.awaitReady(Duration.ofSeconds(30));
            assertThat(jvm.isAlive()).isTrue();
            assertThat(Files.readString(jvm.logFile())).contains("GREETING=hello");
        } finally {
            jvm.stop();
        }
        assertThat(jvm.isAlive()).isFalse();
    }

    @Test
    void killIsImmediate() {
        ServiceJvm jvm = server().build().start();
        jvm.awaitReady(Duration.ofSeconds(30));
        jvm.kill();
        assertThat(jvm.isAlive()).isFalse();
    }

    @Test
    void aServiceThatExitsReportsTheEndOfItsLog() {
        ServiceJvm jvm = server().env("HEALTHY_SERVER_MODE", "fail").build().start();
        assertThatThrownBy(() -> jvm.awaitReady(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("healthy exited with 3")
                .hasMessageContaining("configuration problem: nothing to serve");
    }

    @Test
    void theServiceStopsByItselfWhenItsLauncherIsKilled() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                LaunchingParentMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        long childPid;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).lines()) {
            String line = lines.filter(l -> l.startsWith("child ")).findFirst().orElseThrow();
            childPid = Long.parseLong(line.substring("child ".length()).strip());
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        parent.destroyForcibly().waitFor(); // kill -9: no shutdown hooks in the launcher

        assertThat(child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Files.readString(dir.resolve("child.log"))).contains("the parent process is gone");
    }

    @Test
    void aMissingRunJarSaysToBuildFirst() {
        ServiceJvm jvm = ServiceJvm.builder("orchestrator", dir.resolve("quarkus-run.jar")).build();
        assertThatThrownBy(jvm::start).hasMessageContaining("build the services first");
    }
}
