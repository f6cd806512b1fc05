package io.meshfleet.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the system tests put the tables they print: every run leaves a section in {@code target/system/<id>.md}; with
 * {@code -Dsystem.report=update} it also replaces the section {@code <id>} of {@code docs/system-tests.md} (see
 * {@link ReportPage}), which is how that page is regenerated. Tests running side by side write the page one at a time.
 */
public final class SystemReport {

    private static final Object PAGE = new Object();

    private SystemReport() {
    }

    /** Publishes {@code markdown} as section {@code id}. */
    public static void publish(String id, String markdown) {
        try {
            Path fragment = Path.of("target", "system", id + ".md");
            Files.createDirectories(fragment.getParent());
            Files.writeString(fragment, markdown);
            System.out.println("[report] section " + id + " written to " + fragment.toAbsolutePath());
            if ("update".equals(System.getProperty("system.report", ""))) {
                Path page = SystemStack.home().resolve("docs/system-tests.md");
                synchronized (PAGE) {
                    String text = Files.exists(page) ? Files.readString(page) : "";
                    Files.writeString(page, ReportPage.update(text, id, markdown));
                }
                System.out.println("[report] " + page + " updated (section " + id + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report section " + id, e);
        }
    }
}
