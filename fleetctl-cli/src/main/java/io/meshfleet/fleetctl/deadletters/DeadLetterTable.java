package io.meshfleet.fleetctl.deadletters;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Formats dead letters as an aligned plain-text table: TIME, SERVICE, SOURCE, REASON, KEY, DETAIL. */
public final class DeadLetterTable {

    /** The column titles, in order. */
    public static final List<String> COLUMNS = List.of("TIME", "SERVICE", "SOURCE", "REASON", "KEY", "DETAIL");
    /** The longest DETAIL shown before it is cut with {@code ...}. */
    public static final int DETAIL_WIDTH = 60;
    /** The longest KEY shown before it is cut with {@code ...}. */
    public static final int KEY_WIDTH = 32;

    private static final String MISSING = "-";
    private static final String ELLIPSIS = "...";
    private static final String GAP = "  ";

    private DeadLetterTable() {
    }

    /** The table's lines, the title line first; columns are as wide as their widest cell, with no trailing blanks. */
    public static List<String> format(List<DeadLetterRecord> records) {
        List<List<String>> rows = new ArrayList<>(records.size() + 1);
        rows.add(COLUMNS);
        for (DeadLetterRecord record : records) {
            rows.add(row(record));
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The cells of one dead letter, in {@link #COLUMNS} order. */
    static List<String> row(DeadLetterRecord record) {
        return List.of(
                record.time().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(MISSING),
                cell(record.service().orElse(MISSING), Integer.MAX_VALUE),
                cell(record.source(), Integer.MAX_VALUE),
                cell(record.reason().orElse(MISSING), Integer.MAX_VALUE),
                cell(key(record), KEY_WIDTH),
                cell(record.detail().orElse(MISSING), DETAIL_WIDTH));
    }

    /** {@code text} on one line (control characters become blanks), cut to {@code width} with {@code ...}. */
    static String cell(String text, int width) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String oneLine = clean.toString().strip();
        if (oneLine.isEmpty()) {
            return MISSING;
        }
        if (oneLine.codePointCount(0, oneLine.length()) <= width) {
            return oneLine;
        }
        int end = oneLine.offsetByCodePoints(0, width - ELLIPSIS.length());
        return oneLine.substring(0, end) + ELLIPSIS;
    }

    private static String key(DeadLetterRecord record) {
        if (record.key() == null) {
            return MISSING;
        }
        return record.keyText().orElseGet(() -> "base64:" + Base64.getEncoder().encodeToString(record.key()));
    }
}
