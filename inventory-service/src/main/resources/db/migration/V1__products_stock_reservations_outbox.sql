-- Products and their stock. version counts every committed change (optimistic locking compares it);
-- fence_token is the highest Redis-lock fencing token that wrote the row (older holders are refused).
create table product (
    id           bigint generated always as identity primary key,
    sku          varchar(64)  not null,
    name         varchar(200) not null,
    description  text         not null default '',
    price_cents  bigint       not null check (price_cents >= 0),
    stock        integer      not null check (stock >= 0),
    version      bigint       not null default 0,
    fence_token  bigint       not null default 0,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    -- kept by PostgreSQL itself, so the text search index can never drift from the columns
    search       tsvector generated always as (
                     setweight(to_tsvector('english', name), 'A') ||
                     setweight(to_tsvector('english', description), 'B')) stored
);

create unique index product_sku_key on product (sku);
create index product_search_idx on product using gin (search);

-- One row per sale; the unique idempotency key makes a retried request return the first answer.
create table purchase (
    id               uuid        primary key,
    idempotency_key  varchar(200) not null unique,
    product_id       bigint      not null references product (id),
    quantity         integer     not null check (quantity > 0),
    remaining_stock  integer     not null,
    strategy         varchar(32) not null,
    created_at       timestamptz not null default now()
);

-- Stock held for the order saga (workflow-service); released at most once.
create table reservation (
    reservation_id  varchar(100) primary key,
    product_id      bigint       not null references product (id),
    quantity        integer      not null check (quantity > 0),
    status          varchar(16)  not null check (status in ('RESERVED', 'RELEASED')),
    created_at      timestamptz  not null default now(),
    released_at     timestamptz
);

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka afterwards.
create table outbox_event (
    id          bigint generated always as identity primary key,
    topic       varchar(200) not null,
    event_key   varchar(200) not null,
    payload     text         not null,
    created_at  timestamptz  not null default now()
);
