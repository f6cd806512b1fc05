package io.meshfleet.fleetctl.deadletters;

import static io.meshfleet.fleetctl.deadletters.DeadLetters.headers;
import static io.meshfleet.fleetctl.deadletters.DeadLetters.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshfleet.events.DeadLetter.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-27T10:15:30Z");

    @Test
    void writesOneLineWithEveryHeaderTheKeyAndTheValueAsText() throws Exception {
        DeadLetterRecord record = new DeadLetterRecord("fleet.agent.commands.dlq", 1, 5, T.plusSeconds(1),
                headers(Reason.UNKNOWN_TYPE, "no type\nmeshfleet.Bogus", "fleet.agent.commands", 1, 42,
                        "cluster-agent", "agent-commands", T, "traceparent", "00-abc-01"),
                utf8("édge-a"), utf8("{\"type\":\"meshfleet.Bogus\"}"));

        String line = DeadLetterJson.format(record);

        assertThat(line).doesNotContain("\n").matches("\\p{ASCII}*");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-11-27T10:15:30Z");
        assertThat(json.get("reason").asText()).isEqualTo("UNKNOWN_TYPE");
        assertThat(json.get("detail").asText()).isEqualTo("no type\nmeshfleet.Bogus");
        assertThat(json.get("sourceTopic").asText()).isEqualTo("fleet.agent.commands");
        assertThat(json.get("sourcePartition").asInt()).isEqualTo(1);
        assertThat(json.get("sourceOffset").asLong()).isEqualTo(42);
        assertThat(json.get("topic").asText()).isEqualTo("fleet.agent.commands.dlq");
        assertThat(json.get("offset").asLong()).isEqualTo(5);
        assertThat(json.get("key").asText()).isEqualTo("édge-a");
        assertThat(json.get("value").asText()).isEqualTo("{\"type\":\"meshfleet.Bogus\"}");
        assertThat(json.get("valueEncoding").asText()).isEqualTo("utf-8");
        assertThat(json.get("valueBytes").asInt()).isEqualTo(26);
        assertThat(json.get("headers").get("traceparent").asText()).isEqualTo("00-abc-01");
        assertThat(json.get("headers").get("meshfleet.dlq.service").asText()).isEqualTo("cluster-agent");
    }

    @Test
    void writesBytesThatAreNotUtf8AsBase64() throws Exception {
        byte[] value = {(byte) 0xc3, 0x28, 0x00, (byte) 0xff};
        List<DeadLetterRecord.Header> headers = new ArrayList<>(headers(Reason.MALFORMED_JSON, "not UTF-8",
                "fleet.agent.events", 0, 1, "orchestrator", "agent-events", T));
        headers.add(new DeadLetterRecord.Header("binary", new byte[] {(byte) 0xfe}));
        headers.add(new DeadLetterRecord.Header("empty", null));
        DeadLetterRecord record = new DeadLetterRecord("fleet.agent.events.dlq", 0, 0, T, headers, null, value);

        JsonNode json = JSON.readTree(DeadLetterJson.format(record));

        assertThat(json.get("value").asText()).isEqualTo(Base64.getEncoder().encodeToString(value));
        assertThat(json.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(json.get("valueBytes").asInt()).isEqualTo(4);
        assertThat(json.get("key").isNull()).isTrue();
        assertThat(json.get("headers").get("binary").get("base64").asText()).isEqualTo("/g==");
        assertThat(json.get("headers").get("empty").isNull()).isTrue();
    }
}
