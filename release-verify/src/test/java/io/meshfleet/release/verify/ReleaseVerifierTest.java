package io.meshfleet.release.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ReleaseVerifierTest {

    private final ReleaseVerifier verifier = new ReleaseVerifier(ReleaseKeys.googleAsm());

    @Test
    void aReadErrorMidwayFailsTheVerificationInsteadOfJudgingAPartialArchive() {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[3 * ChunkReader.CHUNK + 5]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        assertThatThrownBy(() -> verifier.verify(broken, new byte[] {0x30, 0x00})).isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void everyByteIsHashedAndKeptInOrderAcrossChunks() throws Exception {
        byte[] content = new byte[5 * ChunkReader.CHUNK + 123];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + (i >> 20));
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        ReleaseVerdict verdict = verifier.verify(new ByteArrayInputStream(content), new byte[] {0x30, 0x00}, kept);

        assertThat(kept.toByteArray()).isEqualTo(content);
        assertThat(verdict.size()).isEqualTo(content.length);
        assertThat(verdict.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(verdict.failure()).isEqualTo(ReleaseVerdict.Failure.MALFORMED_SIGNATURE);
    }

    @Test
    void theGoogleAsmKeyFromTheSeedIsPinnedByDefault() {
        assertThat(ReleaseKeys.googleAsm().keyIds()).hasSize(1);
        assertThatThrownBy(() -> ReleaseKeys.fromPem("no key here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN PUBLIC KEY");
    }
}
