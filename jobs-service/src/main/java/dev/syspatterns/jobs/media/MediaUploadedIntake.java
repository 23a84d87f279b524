package dev.syspatterns.jobs.media;

import dev.syspatterns.events.MediaUploaded;
import dev.syspatterns.events.Topics;
import dev.syspatterns.jobs.ConditionalOnRole;
import dev.syspatterns.jobs.JobsProperties;
import dev.syspatterns.jobs.queue.Enqueued;
import dev.syspatterns.jobs.queue.JobStore;
import dev.syspatterns.jobs.queue.NewJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each MediaUploaded event into a media.process job. Kafka delivers at least once (a rebalance or a crash
 * before the offset commit replays records), so the job is enqueued under the media id as its idempotency key:
 * a replayed event finds the job it already created.
 */
@Component
@ConditionalOnRole(ConditionalOnRole.Half.API)
class MediaUploadedIntake {

    private static final Logger log = LoggerFactory.getLogger(MediaUploadedIntake.class);

    private final JobStore store;
    private final JsonMapper json;
    private final JobsProperties properties;

    MediaUploadedIntake(JobStore store, JsonMapper json, JobsProperties properties) {
        this.store = store;
        this.json = json;
        this.properties = properties;
    }

    @KafkaListener(
            id = "media-uploaded-intake",
            topics = Topics.MEDIA_UPLOADED,
            groupId = "${platform.jobs.media.consumer-group:jobs-service}",
            autoStartup = "${platform.jobs.media.intake-enabled:true}")
    void onMediaUploaded(String record) {
        MediaUploaded uploaded;
        try {
            uploaded = json.readValue(record, MediaUploaded.class);
        } catch (JacksonException e) {
            log.warn("skipping a {} record that is not a MediaUploaded: {}", Topics.MEDIA_UPLOADED, e.getMessage());
            return;
        }
        if (uploaded.mediaId() == null || uploaded.bucket() == null || uploaded.key() == null) {
            log.warn("skipping MediaUploaded without mediaId, bucket or key: {}", record);
            return;
        }
        Enqueued enqueued = store.enqueue(new NewJob(
                MediaProcessingHandler.TYPE,
                json.valueToTree(MediaProcessingHandler.Target.of(uploaded)),
                null,
                0,
                properties.retry().defaultMaxAttempts(),
                uploaded.mediaId()));
        log.info(
                "media {} -> job {} ({})",
                uploaded.mediaId(),
                enqueued.job().id(),
                enqueued.created() ? "enqueued" : "already enqueued");
    }
}
