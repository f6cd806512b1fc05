package io.meshfleet.release.extract;

/** The two archive formats mesh releases ship in. */
public enum ArchiveType {
    /** {@code istio-<version>-linux.tar.gz} and {@code -osx.tar.gz}: a gzip-compressed tar (ustar, GNU or PAX headers). */
    TAR_GZ,
    /** {@code istio-<version>-win.zip}: a zip with stored or deflated entries. */
    ZIP
}
