package dev.syspatterns.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The media table through plain SQL: a handful of statements, each one visible here. */
@Repository
public class MediaRepository {

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Media media) {
        jdbc.sql("""
                INSERT INTO media (id, object_key, filename, content_type, declared_size, sha256, visibility,
                                   upload_method, multipart_upload_id, part_size, status, created_at, expires_at)
                VALUES (:id, :key, :filename, :contentType, :size, :sha256, :visibility,
                        :method, :uploadId, :partSize, :status, :createdAt, :expiresAt)
                """)
                .param("id", media.id())
                .param("key", media.objectKey())
                .param("filename", media.filename())
                .param("contentType", media.contentType())
                .param("size", media.declaredSize())
                .param("sha256", media.sha256())
                .param("visibility", media.visibility().name())
                .param("method", media.uploadMethod().name())
                .param("uploadId", media.multipartUploadId())
                .param("partSize", media.partSize())
                .param("status", media.status().name())
                .param("createdAt", Timestamp.from(media.createdAt()))
                .param("expiresAt", Timestamp.from(media.expiresAt()))
                .update();
    }

    public Optional<Media> find(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id")
                .param("id", id)
                .query(MediaRepository::map)
                .optional();
    }

    /** Row-locks the upload so completion, abort and the sweeper never act on it at the same time. */
    public Optional<Media> lock(UUID id) {
        return jdbc.sql("SELECT * FROM media WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(MediaRepository::map)
                .optional();
    }

    public void markReady(UUID id, String etag, Instant completedAt) {
        jdbc.sql("UPDATE media SET status = 'READY', etag = :etag, completed_at = :at WHERE id = :id")
                .param("id", id)
                .param("etag", etag)
                .param("at", Timestamp.from(completedAt))
                .update();
    }

    public void markEnded(UUID id, MediaStatus status) {
        jdbc.sql("UPDATE media SET status = :status WHERE id = :id")
                .param("id", id)
                .param("status", status.name())
                .update();
    }

    /** Pending uploads past their expiry, locked and skipped by other sweepers running at the same time. */
    public List<Media> lockExpiredPending(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM media WHERE status = 'PENDING' AND expires_at < :now
                ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(MediaRepository::map)
                .list();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM media WHERE id = :id").param("id", id).update();
    }

    private static Media map(ResultSet rs, int row) throws SQLException {
        Long partSize = rs.getObject("part_size", Long.class);
        return new Media(
                rs.getObject("id", UUID.class),
                rs.getString("object_key"),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getLong("declared_size"),
                rs.getString("sha256"),
                Visibility.valueOf(rs.getString("visibility")),
                UploadMethod.valueOf(rs.getString("upload_method")),
                rs.getString("multipart_upload_id"),
                partSize,
                MediaStatus.valueOf(rs.getString("status")),
                rs.getString("etag"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
