package io.meshfleet.artifact.api;

import io.meshfleet.artifact.catalog.RejectionEntity;
import io.meshfleet.artifact.catalog.ReleaseCatalog;
import io.meshfleet.artifact.catalog.ReleaseEntity;
import io.meshfleet.artifact.store.BlobStore;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Verified releases: their verification records, and downloads of an archive or of a single file of
 * it with its SHA-256 in the {@code X-Meshfleet-Sha256} header (and RFC 9530 {@code Repr-Digest}).
 * Everything served comes from the catalog and the published blob store, so nothing unverified is
 * ever served: an archive that was refused, or is still being fetched, is not found.
 */
@Path("/api/v1")
public class ReleaseResource {

    /** The header carrying the served bytes' SHA-256, lowercase hex. */
    public static final String SHA256_HEADER = "X-Meshfleet-Sha256";

    /** A verified archive as the API shows it. */
    public record ReleaseView(String version, String platform, String archiveName, String sha256, long sizeBytes,
            String keyId, String source, Instant verifiedAt, String istioctlPath, String istioctlSha256,
            List<String> profiles, List<String> samples, int files) {
        static ReleaseView of(ReleaseEntity row) {
            return new ReleaseView(row.key.version(), row.key.platform(), row.archiveName, row.sha256, row.sizeBytes,
                    row.keyId, row.source, row.verifiedAt, row.istioctlPath, row.istioctlSha256, row.profiles,
                    row.samples, row.files.size());
        }
    }

    /** A refusal as the API shows it. */
    public record RejectionView(String requestId, String version, String platform, String reason, String detail,
            String source, Instant rejectedAt) {
        static RejectionView of(RejectionEntity row) {
            return new RejectionView(row.requestId, row.version, row.platform, row.reason, row.detail, row.source,
                    row.rejectedAt);
        }
    }

    private final ReleaseCatalog catalog;
    private final BlobStore store;

    ReleaseResource(ReleaseCatalog catalog, BlobStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GET
    @Path("releases")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every verified release archive with its verification record")
    public List<ReleaseView> list() {
        return catalog.all().stream().map(ReleaseView::of).toList();
    }

    @GET
    @Path("releases/{version}/{platform}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The verification record of one archive")
    public ReleaseView get(@PathParam("version") String version, @PathParam("platform") String platform) {
        return ReleaseView.of(release(version, platform));
    }

    @GET
    @Path("releases/{version}/{platform}/archive")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a verified archive; its SHA-256 is in the X-Meshfleet-Sha256 header")
    public Response archive(@PathParam("version") String version, @PathParam("platform") String platform) {
        ReleaseEntity row = release(version, platform);
        return serve(store.blob(row.sha256).orElseThrow(() -> missingBlob(row)), row.sha256, row.sizeBytes,
                row.archiveName);
    }

    @GET
    @Path("releases/{version}/{platform}/istioctl")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download the release's istioctl for the platform, with its SHA-256")
    public Response istioctl(@PathParam("version") String version, @PathParam("platform") String platform) {
        ReleaseEntity row = release(version, platform);
        return file(row, row.istioctlPath);
    }

    @GET
    @Path("releases/{version}/{platform}/files/{path: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download one file of a verified archive (path as inside the archive), with its SHA-256")
    public Response file(@PathParam("version") String version, @PathParam("platform") String platform,
            @PathParam("path") String path) {
        return file(release(version, platform), path);
    }

    @GET
    @Path("blobs/sha256/{sha256}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a verified archive by its SHA-256 (what agents do with an InstallControlPlane's digest)")
    public Response blob(@PathParam("sha256") String sha256) {
        ReleaseEntity row = catalog.findBySha256(sha256)
                .orElseThrow(() -> notFound("no verified archive has sha256 " + sha256));
        return serve(store.blob(row.sha256).orElseThrow(() -> missingBlob(row)), row.sha256, row.sizeBytes,
                row.archiveName);
    }

    @GET
    @Path("rejections")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest refused archives, newest first, with the reason")
    public List<RejectionView> rejections(@QueryParam("limit") @DefaultValue("100") int limit) {
        return catalog.rejections(Math.max(1, Math.min(limit, 1000))).stream().map(RejectionView::of).toList();
    }

    private Response file(ReleaseEntity row, String path) {
        Map<String, Object> entry = row.files.get(path);
        if (entry == null) {
            throw notFound(row.archiveName + " has no regular file " + path
                    + " (paths are as inside the archive, e.g. " + row.istioctlPath + ")");
        }
        java.nio.file.Path file = store.treeFile(row.sha256, path).orElseThrow(() -> missingBlob(row));
        String name = path.substring(path.lastIndexOf('/') + 1);
        return serve(file, (String) entry.get("sha256"), ((Number) entry.get("size")).longValue(), name);
    }

    private ReleaseEntity release(String version, String platform) {
        return catalog.find(version, platform).orElseThrow(() -> notFound("no verified archive of " + version + " for "
                + platform + ": mirror it first (POST /api/v1/mirrors), or see GET /api/v1/rejections for why it was refused"));
    }

    private static Response serve(java.nio.file.Path file, String sha256, long size, String name) {
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
        return Response.ok(file.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(SHA256_HEADER, sha256)
                .header("Repr-Digest", "sha-256=:" + base64 + ":")
                .header("Content-Length", size)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private static NotFoundException notFound(String message) {
        return new NotFoundException(message, Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }

    private static IllegalStateException missingBlob(ReleaseEntity row) {
        return new IllegalStateException("the catalog lists " + row.archiveName + " (sha256 " + row.sha256
                + ") but the blob store does not have it: was meshfleet.artifacts.store-dir changed or cleaned?");
    }
}
