package io.meshfleet.events;

/** A command to artifact-service on {@link Topics#ARTIFACT_COMMANDS}, keyed by release version. */
public sealed interface ArtifactCommand extends Command permits MirrorRelease {

    /** The mesh release version this command is about, e.g. {@code 1.5.10-asm.2}. */
    String version();

    @Override
    default String topic() {
        return Topics.ARTIFACT_COMMANDS;
    }

    @Override
    default String key() {
        return version();
    }
}
