package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshfleet.events.MessageTypes.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTypesTest {

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
            assertThat(type.dataVersion()).isEqualTo(1);
        }
        assertThat(MessageTypes.byName("meshfleet.Nope")).isEmpty();
        assertThat(MessageTypes.of(Samples.install("c1")).name()).isEqualTo("meshfleet.InstallControlPlane");
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
