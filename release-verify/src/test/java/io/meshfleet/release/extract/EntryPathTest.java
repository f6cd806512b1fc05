package io.meshfleet.release.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The naming rules as a table: entry names, and symlink targets for a link at a given path. */
class EntryPathTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("istio-1.5/bin/istioctl", "istio-1.5/bin/istioctl", null),
                Arguments.of("istio-1.5/samples/", "istio-1.5/samples", null),
                Arguments.of("./istio-1.5//bin/./istioctl", "istio-1.5/bin/istioctl", null),
                Arguments.of("./", "", null),
                Arguments.of("a..b/c...d", "a..b/c...d", null),
                Arguments.of("../evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("istio/../../evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("istio/..", null, Reason.PATH_TRAVERSAL),
                Arguments.of("..\\..\\evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("istio\\..\\..\\evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("istio/.. /evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("istio/.../evil", null, Reason.PATH_TRAVERSAL),
                Arguments.of("/tmp/evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("//server/share/evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("\\evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("C:\\evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("c:/evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("C:evil", null, Reason.ABSOLUTE_PATH),
                Arguments.of("istio\\bin", null, Reason.MALFORMED),
                Arguments.of("istio/evil\0.yaml", null, Reason.MALFORMED),
                Arguments.of("", null, Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void entryNames(String name, String normalized, Reason refused) throws Exception {
        if (refused == null) {
            assertThat(EntryPath.parse(name).toString()).isEqualTo(normalized);
        } else {
            UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> EntryPath.parse(name));
            assertThat(e.reason()).isEqualTo(refused);
            assertThat(e.entryName()).isEqualTo(name);
            assertThat(e.getMessage()).doesNotContain("\0");
        }
    }

    static Stream<Arguments> symlinkTargets() {
        return Stream.of(
                Arguments.of("istio/tools/istioctl", "../bin/istioctl", "../bin/istioctl", null),
                Arguments.of("istio/tools/istioctl", "./../bin//istioctl", "../bin/istioctl", null),
                Arguments.of("istio/latest", "bookinfo", "bookinfo", null),
                Arguments.of("istio/a/up", "..", "..", null),
                Arguments.of("istio/a/self", ".", "", null),
                Arguments.of("top-link", "istio", "istio", null),
                Arguments.of("self", ".", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/up", "..", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/a/up", "../..", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/escape", "../../evil", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/a/b", "c/../../..", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/a/b", "c/../d", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/link", "/tmp", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/link", "C:\\Windows", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/link", "..\\..\\evil", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/a/link", ".../x", null, Reason.LINK_ESCAPES),
                Arguments.of("istio/link", "", null, Reason.MALFORMED),
                Arguments.of("istio/link", "bin\0", null, Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("symlinkTargets")
    void symlinkTargets(String link, String target, String normalized, Reason refused) throws Exception {
        EntryPath path = EntryPath.parse(link);
        if (refused == null) {
            assertThat(path.checkSymlinkTarget(link, target)).isEqualTo(normalized);
        } else {
            UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> path.checkSymlinkTarget(link, target));
            assertThat(e.reason()).isEqualTo(refused);
            assertThat(e.entryName()).isEqualTo(link);
        }
    }

    @ParameterizedTest
    @MethodSource("paxHeaders")
    void paxPathIsTheLastPathRecord(String header, String path) {
        assertThat(RawNameTarInputStream.paxPath(header.getBytes(StandardCharsets.UTF_8))).isEqualTo(path);
    }

    static List<Arguments> paxHeaders() {
        return List.of(
                Arguments.of("18 path=/tmp/evil\n", "/tmp/evil"),
                Arguments.of("30 mtime=1700000000.123456789\n14 path=a/b/c\n", "a/b/c"),
                Arguments.of("11 path=a1\n11 path=b2\n", "b2"),
                Arguments.of("14 path=a\0b/c\n", "a\0b/c"),
                Arguments.of("20 linkpath=/etc/x\n", null),
                Arguments.of("99 path=truncated\n", null),
                Arguments.of("garbage", null));
    }
}
