package io.meshfleet.system.stack;

/**
 * Updates one marked section of the report page ({@code docs/system-tests.md}) and leaves the rest as it is: the text
 * between {@code <!-- BEGIN <id> -->} and {@code <!-- END <id> -->} is replaced; a section the page does not have yet
 * is added at the end.
 */
public final class ReportPage {

    private ReportPage() {
    }

    /** The page with section {@code id} holding {@code content}. */
    public static String update(String page, String id, String content) {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a section id is lower-case letters, digits and '-', was " + id);
        }
        String begin = "<!-- BEGIN " + id + " -->";
        String end = "<!-- END " + id + " -->";
        String body = content.strip() + "\n";
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        if (from < 0 && to < 0) {
            String head = page.isEmpty() || page.endsWith("\n") ? page : page + "\n";
            return head + (head.isEmpty() ? "" : "\n") + begin + "\n" + body + end + "\n";
        }
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("the page has a broken section " + id + ": expected " + begin
                    + " followed by " + end + "; fix the markers by hand and run again");
        }
        return page.substring(0, from + begin.length()) + "\n" + body + page.substring(to);
    }
}
