package io.meshfleet.orchestrator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lease terms that would let two instances act at once, or that name no Lease, are refused with what to set. */
class LeaseTermsTest {

    static Stream<Arguments> terms() {
        return Stream.of(
                Arguments.of("meshfleet", "lease", "pod-a", 15, 10, 2, null),
                Arguments.of("", "lease", "pod-a", 15, 10, 2, "MESHFLEET_LEADER_ELECTION_NAMESPACE"),
                Arguments.of(null, "lease", "pod-a", 15, 10, 2, "MESHFLEET_LEADER_ELECTION_NAMESPACE"),
                Arguments.of("meshfleet", " ", "pod-a", 15, 10, 2, "MESHFLEET_LEADER_ELECTION_LEASE_NAME"),
                Arguments.of("meshfleet", "lease", "", 15, 10, 2, "POD_NAME"),
                Arguments.of("meshfleet", "lease", "pod-a", 10, 10, 2, "must be longer than the renew deadline"),
                Arguments.of("meshfleet", "lease", "pod-a", 15, 2, 2, "must be longer than the retry period"),
                Arguments.of("meshfleet", "lease", "pod-a", 15, 10, 0, "retry period must be positive"));
    }

    @ParameterizedTest
    @MethodSource("terms")
    void termsAreCheckedWithAnErrorThatSaysWhatToSet(String namespace, String name, String identity, int lease,
            int renew, int retry, String error) {
        if (error == null) {
            assertThat(new LeaseTerms(namespace, name, identity, Duration.ofSeconds(lease), Duration.ofSeconds(renew),
                    Duration.ofSeconds(retry)).lease()).isEqualTo(namespace + "/" + name);
        } else {
            assertThatThrownBy(() -> new LeaseTerms(namespace, name, identity, Duration.ofSeconds(lease),
                    Duration.ofSeconds(renew), Duration.ofSeconds(retry)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(error);
        }
    }
}
