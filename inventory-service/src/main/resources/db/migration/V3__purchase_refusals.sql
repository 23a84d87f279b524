-- A purchase refused for lack of stock is an answer too: the same Idempotency-Key again gets that refusal back,
-- even if stock has come back since, rather than a sale the client never asked to retry.
create table purchase_refusal (
    idempotency_key  varchar(200) primary key,
    product_id       bigint      not null references product (id),
    quantity         integer     not null check (quantity > 0),
    available        integer     not null,
    refused_at       timestamptz not null default now()
);
