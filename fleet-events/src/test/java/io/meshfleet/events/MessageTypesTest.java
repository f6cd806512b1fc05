package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.events.MessageTypes.MessageType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTypesTest {

    private static final Upcaster ADD_A = data -> ((ObjectNode) data).put("a", 1);

    @Test
    void everyPermittedRecordOfMessageIsRegistered() {
        List<Class<?>> records = Samples.permittedRecords(Message.class);

        assertThat(records).hasSize(20);
        List<Class<?>> registered = MessageTypes.all().stream().<Class<?>>map(MessageType::recordClass).toList();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void everyRegisteredTypeHasASample() {
        List<Class<?>> sampled = Samples.all().stream().<Class<?>>map(Object::getClass).toList();
        List<Class<?>> registered = MessageTypes.all().stream().<Class<?>>map(MessageType::recordClass).toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void typeNamesArePrefixedSimpleNamesAndResolveBothWays() {
        for (MessageType type : MessageTypes.all()) {
            assertThat(type.name()).isEqualTo("meshfleet." + type.recordClass().getSimpleName());
            assertThat(MessageTypes.byName(type.name())).contains(type);
            assertThat(MessageTypes.of(type.recordClass())).isEqualTo(type);
        }
        assertThat(MessageTypes.byName("meshfleet.Nope")).isEmpty();
        assertThat(MessageTypes.of(Samples.install("c1")).name()).isEqualTo("meshfleet.InstallControlPlane");
    }

    @Test
    void rollSidecarsIsAtVersionTwoAndStillReadsVersionOne() {
        MessageType roll = MessageTypes.of(RollSidecars.class);

        assertThat(roll.dataVersion()).isEqualTo(2);
        assertThat(roll.oldestDataVersion()).isEqualTo(1);
        assertThat(roll.accepts(1)).isTrue();
        assertThat(roll.accepts(2)).isTrue();
        assertThat(roll.accepts(0)).isFalse();
        assertThat(roll.accepts(3)).isFalse();
        MessageType pause = MessageTypes.of(PauseRoll.class);
        assertThat(pause.dataVersion()).isEqualTo(1);
        assertThat(pause.upcasters()).isEmpty();
        assertThat(pause.accepts(1)).isTrue();
        assertThat(pause.accepts(2)).isFalse();
    }

    @Test
    void noAgentCommandHasUpcastersBecauseItsSignatureCoversTheDecodedForm() {
        for (MessageType type : MessageTypes.all()) {
            if (AgentCommand.class.isAssignableFrom(type.recordClass())) {
                assertThat(type.upcasters()).as(type.name()).isEmpty();
            }
        }
        assertThatThrownBy(() -> MessageTypes.type("Preflight", Preflight.class, 2, Map.of(1, ADD_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signed agent command");
    }

    @Test
    void upcastersFormOneChainEndingBelowTheCurrentVersion() {
        assertThatThrownBy(() -> MessageTypes.type("PauseRoll", PauseRoll.class, 3, Map.of(1, ADD_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without gaps");
        assertThatThrownBy(() -> MessageTypes.type("PauseRoll", PauseRoll.class, 2, Map.of(2, ADD_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 1, not 2");
        assertThatThrownBy(() -> MessageTypes.type("PauseRoll", PauseRoll.class, 2, Map.of(0, ADD_A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");

        MessageType droppedVersionOne = MessageTypes.type("PauseRoll", PauseRoll.class, 3, Map.of(2, ADD_A));
        assertThat(droppedVersionOne.oldestDataVersion()).isEqualTo(2);
        assertThat(droppedVersionOne.accepts(1)).isFalse();
        assertThat(new MessageType("meshfleet.PauseRoll", PauseRoll.class, Topics.ROLLER_COMMANDS, 1).upcasters())
                .isEmpty();
    }

    @Test
    void upcastChainsFromTheGivenVersionAndLeavesItsInputAlone() {
        Upcaster addB = data -> {
            assertThat(data.has("a")).as("runs after the upcaster from version 1").isTrue();
            return ((ObjectNode) data).put("b", 2);
        };
        MessageType type = MessageTypes.type("PauseRoll", PauseRoll.class, 3, Map.of(1, ADD_A, 2, addB));
        ObjectNode v1 = JsonNodeFactory.instance.objectNode().put("planId", "p");

        JsonNode current = type.upcast(1, v1);

        assertThat(current).isEqualTo(JsonNodeFactory.instance.objectNode().put("planId", "p").put("a", 1).put("b", 2));
        assertThat(v1).isEqualTo(JsonNodeFactory.instance.objectNode().put("planId", "p"));
        assertThat(type.upcast(2, JsonNodeFactory.instance.objectNode().put("a", 0)))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("a", 0).put("b", 2));
        assertThat(type.upcast(3, v1)).isEqualTo(v1);
        assertThatThrownBy(() -> type.upcast(4, v1)).isInstanceOf(IllegalArgumentException.class);
        MessageType broken = MessageTypes.type("PauseRoll", PauseRoll.class, 2,
                Map.of(1, data -> JsonNodeFactory.instance.arrayNode()));
        assertThatThrownBy(() -> broken.upcast(1, v1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not return a JSON object");
    }

    @Test
    void registryTopicAgreesWithTheTopicTheRecordDeclares() {
        for (Message sample : Samples.all()) {
            assertThat(MessageTypes.of(sample).topic()).as(sample.getClass().getSimpleName()).isEqualTo(sample.topic());
            assertThat(Topics.ALL).contains(sample.topic());
        }
    }

    @Test
    void everyTopicCarriesTheTypesTheDesignNames() {
        assertThat(names(Topics.ARTIFACT_COMMANDS)).containsExactly("MirrorRelease");
        assertThat(names(Topics.ARTIFACT_EVENTS)).containsExactly("ReleaseVerified", "ReleaseRejected");
        assertThat(names(Topics.AGENT_COMMANDS))
                .containsExactly("Preflight", "InstallControlPlane", "RestartWorkloads", "RunSmokeTests");
        assertThat(names(Topics.AGENT_EVENTS)).containsExactly("PreflightResult", "InstallProgress", "InstallResult",
                "RestartExecuted", "SmokeTestResult", "CommandRefused");
        assertThat(names(Topics.CLUSTER_STATE)).containsExactly("ClusterState");
        assertThat(names(Topics.ROLLER_COMMANDS)).containsExactly("RollSidecars", "PauseRoll", "AbortRoll");
        assertThat(names(Topics.ROLLER_EVENTS)).containsExactly("NamespaceProgress", "NamespaceConverged", "RollFailed");
    }

    @Test
    void keysAreClusterIdsExceptForArtifactMessagesWhichUseTheVersion() {
        for (Message sample : Samples.all()) {
            String expected = sample instanceof ArtifactCommand || sample instanceof ArtifactEvent
                    ? "1.5.10-asm.2" : Samples.CLUSTER;
            assertThat(sample.key()).as(sample.getClass().getSimpleName()).isEqualTo(expected);
        }
    }

    @Test
    void unregisteredClassIsRefused() {
        assertThatThrownBy(() -> MessageTypes.of(Message.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsListsAllSevenAndNamesTheirDeadLetterTopics() {
        assertThat(Topics.ALL).hasSize(7).doesNotHaveDuplicates().allMatch(t -> t.startsWith("fleet."));
        assertThat(Topics.deadLetter(Topics.AGENT_COMMANDS)).isEqualTo("fleet.agent.commands.dlq");
        assertThat(Topics.CLUSTER_STATE).isEqualTo("fleet.cluster.state");
        assertThatThrownBy(() -> Topics.deadLetter(null)).isInstanceOf(NullPointerException.class);
    }

    private static List<String> names(String topic) {
        return MessageTypes.onTopic(topic).stream().map(t -> t.recordClass().getSimpleName()).toList();
    }
}
