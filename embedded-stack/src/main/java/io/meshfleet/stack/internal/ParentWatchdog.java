package io.meshfleet.stack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/** Entry point of a child server JVM: runs the given main class and exits when the parent process's pipe to it closes. */
public final class ParentWatchdog implements Runnable {

    private final InputStream parentPipe;

    private ParentWatchdog(InputStream parentPipe) {
        this.parentPipe = parentPipe;
    }

    /**
     * Starts the watchdog, then the real main class.
     *
     * @param args the fully qualified main class, then its arguments
     * @throws Throwable whatever the real main method throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(new ParentWatchdog(System.in), "meshfleet-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Blocks until the parent's end of the standard-input pipe is closed (the parent exited or died), then exits. */
    @Override
    public void run() {
        byte[] buffer = new byte[64];
        try {
            while (parentPipe.read(buffer) >= 0) {
                // The parent never writes; anything it might send is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of stream: the parent is gone.
        }
        System.err.println("meshfleet: the parent process is gone; shutting this server down");
        // Runs the server's own shutdown hooks (Kafka shuts down gracefully on them).
        System.exit(0);
    }
}
