-- The W3C trace context of the transaction that wrote the event: the relay, running later on a thread of its
-- own, sends the event as part of that same trace instead of starting an unrelated one.
ALTER TABLE outbox ADD COLUMN traceparent varchar(55);
