package io.meshfleet.events;

/** An event from artifact-service on {@link Topics#ARTIFACT_EVENTS}, keyed by release version. */
public sealed interface ArtifactEvent extends Event permits ReleaseVerified, ReleaseRejected {

    /** The mesh release version this event is about. */
    String version();

    @Override
    default String topic() {
        return Topics.ARTIFACT_EVENTS;
    }

    @Override
    default String key() {
        return version();
    }
}
