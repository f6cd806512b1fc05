package io.meshfleet.fleetctl.audit;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: quoted fields may hold commas, doubled quotes and line breaks. */
final class Rfc4180 {

    private Rfc4180() {
    }

    static List<List<String>> parse(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        if (next == -1) {
                            break;
                        }
                        ch = (char) next;
                    }
                    if (quoted) {
                        continue;
                    }
                } else {
                    field.append(ch);
                    continue;
                }
            }
            if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                afterQuote = false;
            } else if (ch == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (ch != '\r') {
                if (afterQuote) {
                    throw new IOException("text after a closing quote");
                }
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IOException("unterminated quoted field");
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
