package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryProcessedMessagesTest {

    @Test
    void remembersIdsPerConsumerUpToItsCapacityForgettingTheOldestFirst() {
        InMemoryProcessedMessages seen = new InMemoryProcessedMessages(2);
        seen.add("a", "1");
        seen.add("a", "2");
        seen.add("b", "1");

        assertThat(seen.contains("a", "1")).isTrue();
        assertThat(seen.contains("b", "1")).isTrue();
        assertThat(seen.contains("b", "2")).isFalse();

        seen.add("a", "3");
        assertThat(seen.contains("a", "1")).isFalse();
        assertThat(seen.contains("a", "2")).isTrue();
        assertThat(seen.contains("a", "3")).isTrue();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new InMemoryProcessedMessages(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
