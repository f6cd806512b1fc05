package io.meshfleet.events;

/**
 * The data of an {@link Envelope}: every command and event record of meshfleet implements it.
 *
 * <p>A record declares its topic through the topic interface it implements ({@link AgentCommand},
 * {@link RollerEvent}, ...) and its Kafka key through {@link #key()}, so that order holds per
 * cluster (or per release version). Its wire type name lives in {@link MessageTypes}.
 */
public sealed interface Message permits Command, Event {

    /** The topic this message is published on, one of {@link Topics#ALL}. */
    String topic();

    /** The Kafka record key: the clusterId, or the release version for artifact messages. */
    String key();
}
