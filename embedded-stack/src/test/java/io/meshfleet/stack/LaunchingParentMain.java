package io.meshfleet.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** For {@link ServiceJvmTest}: a parent JVM that starts a service JVM, prints its pid, and then just waits to be killed. */
public final class LaunchingParentMain {

    private LaunchingParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceJvm child = ServiceJvm.builder("child", Path.of(args[0]).resolve("unused.jar"))
                .main(HealthyServerMain.class.getName(), List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)))
                .logFile(Path.of(args[0]).resolve("child.log"))
                .build().start();
        child.awaitReady(Duration.ofSeconds(60));
        System.out.println("child " + child.pid());
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
