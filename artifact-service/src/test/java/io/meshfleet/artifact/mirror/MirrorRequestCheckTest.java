package io.meshfleet.artifact.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.MirrorRelease;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MirrorRequestCheckTest {

    @ParameterizedTest
    @CsvSource({
        "1.5.10-asm.2, linux, https://storage.example/asm",
        "1.6.14-asm.1, osx, http://mirror.internal:8080/releases/",
        "1.5.10-asm.2, win, /srv/carried-in",
        "1.5.10-asm.2, win, /srv/carried-in/",
    })
    void acceptsPlainReleaseNamesKnownPlatformsAndUsableSources(String version, String platform, String source) {
        assertThat(MirrorRequestCheck.problems(new MirrorRelease(version, List.of(platform), source))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../../etc        | linux   | /srv/r                    | version '../../etc' is not a release name",
        "1.5.10/../x      | linux   | /srv/r                    | version '1.5.10/../x' is not a release name",
        "1..5             | linux   | /srv/r                    | version '1..5' is not a release name",
        "1.5.10           | solaris | /srv/r                    | platform 'solaris' is unknown: use [linux, osx, win]",
        "1.5.10           | linux   | srv/r                     | source 'srv/r' must be an http(s) URL or an absolute",
        "1.5.10           | linux   | /srv/../etc               | source '/srv/../etc' must be an http(s) URL",
        "1.5.10           | linux   | ftp://mirror/r            | source 'ftp://mirror/r' must be an http(s) URL",
        "1.5.10           | linux   | https://user:pw@mirror/r  | must not carry credentials",
        "1.5.10           | linux   | https:///r                | source 'https:///r' has no host",
    })
    void refusesWhatWouldEscapeTheStoreOrCannotBeFetched(String version, String platform, String source,
            String problem) {
        List<String> problems = MirrorRequestCheck.problems(new MirrorRelease(version, List.of(platform), source));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains(problem);
    }

    @org.junit.jupiter.api.Test
    void credentialsAreNeverEchoedBack() {
        List<String> problems = MirrorRequestCheck.problems(
                new MirrorRelease("1.5.10", List.of("linux"), "https://user:s3cret@mirror/r"));
        assertThat(String.join(" ", problems)).doesNotContain("s3cret");
    }
}
