-- One row per upload the service planned. The bytes live in the object store; this is what the service
-- signed and what it verified there.
CREATE TABLE media (
    id                  uuid PRIMARY KEY,
    object_key          text        NOT NULL UNIQUE,
    filename            text        NOT NULL,
    content_type        text        NOT NULL,
    declared_size       bigint      NOT NULL CHECK (declared_size > 0),
    sha256              text,
    visibility          text        NOT NULL CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    upload_method       text        NOT NULL CHECK (upload_method IN ('PUT', 'POST', 'MULTIPART')),
    multipart_upload_id text,
    part_size           bigint,
    status              text        NOT NULL CHECK (status IN ('PENDING', 'READY', 'EXPIRED', 'ABORTED')),
    etag                text,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    completed_at        timestamptz
);

-- The sweeper looks only at uploads that never completed.
CREATE INDEX media_pending_expiry ON media (expires_at) WHERE status = 'PENDING';

-- Transactional outbox: an event is written in the same transaction as the state change it announces,
-- and a relay publishes it to Kafka afterwards, so a crash between commit and send loses nothing.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
