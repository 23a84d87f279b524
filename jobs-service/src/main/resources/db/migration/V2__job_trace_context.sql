-- The W3C trace context of the request that submitted the job: the worker that claims it, later and maybe in
-- another process, runs it as part of that same trace (its JobUpdated events and the calls its handler makes).
alter table jobs add column traceparent varchar(55);
