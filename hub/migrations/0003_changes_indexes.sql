-- Version 3: one index less on the change feed, written once per change (each take, each advisory
-- the intake creates). The feed reads changes by id (`id > cursor`, with or without the org), which
-- the primary key serves; (org, id) was never the better path, since one hub serves one organisation.
-- changes_at stays: the puller prunes by time with it.
DROP INDEX changes_org;
