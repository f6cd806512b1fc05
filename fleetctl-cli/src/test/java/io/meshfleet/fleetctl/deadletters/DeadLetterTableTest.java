package io.meshfleet.fleetctl.deadletters;

import static io.meshfleet.fleetctl.deadletters.DeadLetters.headers;
import static io.meshfleet.fleetctl.deadletters.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTableTest {

    private static final Instant T = Instant.parse("2026-11-27T10:15:30.123456Z");

    private static DeadLetterRecord unknownType() {
        return new DeadLetterRecord("fleet.agent.commands.dlq", 1, 5, T.plusSeconds(60),
                headers(Reason.UNKNOWN_TYPE, "no message type meshfleet.Bogus", "fleet.agent.commands", 1, 42,
                        "cluster-agent", "agent-commands", T),
                utf8("edge-a"), utf8("{\"type\":\"meshfleet.Bogus\"}"));
    }

    @Test
    void alignsColumnsUnderTheirTitles() {
        DeadLetterRecord oversized = new DeadLetterRecord("fleet.roller.commands.dlq", 0, 0, T,
                headers(Reason.OVERSIZED, "2000000 bytes > 1048576", "fleet.roller.commands", 10, 123456,
                        "sidecar-roller", "roller-commands", T.plusSeconds(3600)),
                utf8("a-much-longer-cluster-id"), new byte[0]);

        List<String> lines = DeadLetterTable.format(List.of(unknownType(), oversized));

        assertThat(lines).containsExactly(
                "TIME                  SERVICE         SOURCE                           REASON        "
                        + "KEY                       DETAIL",
                "2026-11-27T10:15:30Z  cluster-agent   fleet.agent.commands-1@42        UNKNOWN_TYPE  "
                        + "edge-a                    no message type meshfleet.Bogus",
                "2026-11-27T11:15:30Z  sidecar-roller  fleet.roller.commands-10@123456  OVERSIZED     "
                        + "a-much-longer-cluster-id  2000000 bytes > 1048576");
    }

    @Test
    void cutsLongDetailsAndPutsEachDeadLetterOnOneLine() {
        String detail = "field clusterId: required\nfield namespaces: expected an array but was a string, "
                + "and more text that nobody reads in a table";
        DeadLetterRecord record = new DeadLetterRecord("fleet.agent.commands.dlq", 0, 0, T,
                headers(Reason.INVALID_FIELDS, detail, "fleet.agent.commands", 0, 7, "cluster-agent", "c", T),
                utf8("edge-b"), utf8("{}"));

        String row = DeadLetterTable.format(List.of(record)).get(1);

        assertThat(row).endsWith("  field clusterId: required field namespaces: expected an a...");
        assertThat(DeadLetterTable.row(record).get(5)).hasSize(DeadLetterTable.DETAIL_WIDTH);
    }

    @Test
    void showsADashForMissingHeadersAndTheRecordTimestampForAMissingTime() {
        DeadLetterRecord bare = new DeadLetterRecord("fleet.agent.events.dlq", 2, 9, T, List.of(), null,
                utf8("x"));

        assertThat(DeadLetterTable.row(bare)).containsExactly(
                "2026-11-27T10:15:30Z", "-", "?-?@?", "-", "-", "-");
    }

    @Test
    void showsAKeyThatIsNotUtf8AsBase64() {
        DeadLetterRecord record = new DeadLetterRecord("fleet.agent.events.dlq", 0, 0, T, List.of(),
                new byte[] {(byte) 0xff, 0x01}, null);

        assertThat(DeadLetterTable.row(record).get(4)).isEqualTo("base64:/wE=");
    }

    @Test
    void cellsAreCutOnCharactersNotBytes() {
        assertThat(DeadLetterTable.cell("héllo wörld", 8)).isEqualTo("héllo...");
        assertThat(DeadLetterTable.cell("short", 8)).isEqualTo("short");
        assertThat(DeadLetterTable.cell(" \t ", 8)).isEqualTo("-");
    }

    @Test
    void latestDeadLettersKeepsTheNewestInOrder() {
        LatestDeadLetters latest = new LatestDeadLetters(2);
        for (int minutes : new int[] {30, 10, 50, 20, 40}) {
            latest.add(new DeadLetterRecord("t.dlq", 0, minutes, T.plusSeconds(60L * minutes), List.of(), null,
                    null));
        }

        assertThat(latest.offered()).isEqualTo(5);
        assertThat(latest.chronological()).extracting(DeadLetterRecord::offset).containsExactly(40L, 50L);
    }
}
