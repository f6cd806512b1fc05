package io.meshfleet.fleetctl.api;

import java.util.ArrayList;
import java.util.List;

/** Aligned text columns for people: each column as wide as its widest cell, two spaces between columns. */
public final class TextTable {

    private TextTable() {
    }

    /** The lines of {@code rows} (the first is usually the header), without trailing blanks. */
    public static List<String> lines(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
