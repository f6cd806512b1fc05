package io.meshfleet.fleetctl.demo;

import java.io.PrintWriter;

/** The demo's narration: sections, timed steps, and lines that replace themselves on a terminal. */
final class DemoProgress {

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;

    DemoProgress(PrintWriter out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println("== " + title);
        out.flush();
    }

    void step(String text) {
        out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, text);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    boolean terminal() {
        return terminal;
    }
}
