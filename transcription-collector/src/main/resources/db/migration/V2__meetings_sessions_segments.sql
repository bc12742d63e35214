-- Meetings (Vexa's `meetings`), their transcription sessions and the persisted transcript segments.
-- user_id is the admin-service user id as the gateway forwards it (X-User-Id); kept as text so the
-- collector never depends on how admin-service numbers its users.

CREATE TABLE meetings (
    id                    BIGSERIAL PRIMARY KEY,
    user_id               VARCHAR(64)  NOT NULL,
    platform              VARCHAR(32)  NOT NULL,
    platform_specific_id  VARCHAR(255),
    constructed_meeting_url TEXT,
    status                VARCHAR(32)  NOT NULL DEFAULT 'requested',
    bot_container_id      VARCHAR(255),
    start_time            TIMESTAMPTZ,
    end_time              TIMESTAMPTZ,
    data                  JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- set once the final flush ran after a terminal status (meeting.completed goes out after it)
    finalized_at          TIMESTAMPTZ,
    CONSTRAINT ck_meetings_status CHECK (status IN
        ('requested', 'joining', 'awaiting_admission', 'active', 'stopping', 'completed', 'failed'))
);

-- "latest meeting of a user for (platform, native id)" is the default resolution everywhere (Vexa b.5)
CREATE INDEX ix_meetings_user_platform_native ON meetings (user_id, platform, platform_specific_id, created_at DESC, id DESC);
CREATE INDEX ix_meetings_user_created ON meetings (user_id, created_at DESC, id DESC);
CREATE INDEX ix_meetings_unfinalized ON meetings (updated_at) WHERE finalized_at IS NULL AND status IN ('completed', 'failed');
-- one running bot per user and meeting (Vexa v0.12): a second POST /bots is a 409 even under a race
CREATE UNIQUE INDEX uq_meetings_active_user_platform_native ON meetings (user_id, platform, platform_specific_id)
    WHERE status NOT IN ('completed', 'failed');

CREATE TABLE meeting_sessions (
    id                 BIGSERIAL PRIMARY KEY,
    meeting_id         BIGINT       NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    session_uid        VARCHAR(255) NOT NULL,
    session_start_time TIMESTAMPTZ  NOT NULL DEFAULT now(),
    session_end_time   TIMESTAMPTZ,
    language           VARCHAR(16),
    model              VARCHAR(64),
    -- transcription seconds reported in usage.recorded (null until reported)
    usage_seconds      DOUBLE PRECISION,
    CONSTRAINT uq_meeting_sessions UNIQUE (meeting_id, session_uid)
);

CREATE TABLE segments (
    id                  BIGSERIAL PRIMARY KEY,
    meeting_id          BIGINT           NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    segment_id          VARCHAR(255)     NOT NULL,
    session_uid         VARCHAR(255),
    start_time          DOUBLE PRECISION NOT NULL,
    end_time            DOUBLE PRECISION NOT NULL,
    text                TEXT             NOT NULL,
    speaker             VARCHAR(255),
    language            VARCHAR(16),
    -- the hot store's revision of this version: `?since=` cursors compare against it
    revision            BIGINT           NOT NULL,
    created_at          TIMESTAMPTZ      NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ      NOT NULL DEFAULT now(),
    search_vector       TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    CONSTRAINT uq_segments_meeting_segment UNIQUE (meeting_id, segment_id)
);

CREATE INDEX ix_segments_meeting_start ON segments (meeting_id, start_time);
CREATE INDEX ix_segments_meeting_revision ON segments (meeting_id, revision);
CREATE INDEX ix_segments_search ON segments USING GIN (search_vector);
