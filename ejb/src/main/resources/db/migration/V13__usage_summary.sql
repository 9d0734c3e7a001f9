-- Per company x feature: what an export needs to know about the usage before its window, kept by
-- ingestion in the same transaction as usage_day (issue 13 item 4). With it an export reads
-- usage_day only from its window on (HistoryWindow): before that, the first and the last usage day
-- are here (the last one before the window, when needed, is an index seek) and so is the first
-- adoption day (STARS: churned vs tried).
--   first_day            the first usage day (epoch day), as MIN(usage_day.epoch_day)
--   last_day             the last usage day, as MAX(usage_day.epoch_day)
--   usage_days           how many usage days, as COUNT(*): fewer than adoption_days, no adoption
--   adoption_days,
--   adoption_window_days the feature's thresholds first_adoption_day was computed with; a row whose
--                        thresholds differ from the feature's is stale and the export reads that
--                        pair's whole history (a threshold change recomputes its rows)
--   first_adoption_day   core.usage.Adoption over the pair's whole history, NULL: never adopted
-- Every (environment, company, feature) in usage_day has a row here.
CREATE TABLE usage_summary (
  environment_id        BIGINT        NOT NULL,
  company_id            VARCHAR(500)  NOT NULL,
  feature_key           VARCHAR(200)  NOT NULL,
  first_day             INTEGER       NOT NULL,
  last_day              INTEGER       NOT NULL,
  usage_days            INTEGER       NOT NULL,
  adoption_days         INTEGER       NOT NULL,
  adoption_window_days  INTEGER       NOT NULL,
  first_adoption_day    INTEGER,
  PRIMARY KEY (environment_id, company_id, feature_key)
);

-- The existing rollups: a usage day adopts when the pair has adoption_days usage days in the
-- adoption_window_days days ending on it.
INSERT INTO usage_summary (environment_id, company_id, feature_key, first_day, last_day,
                           usage_days, adoption_days, adoption_window_days, first_adoption_day)
SELECT a.environment_id, a.company_id, a.feature_key, MIN(a.epoch_day), MAX(a.epoch_day), COUNT(*),
       MIN(a.adoption_days),
       MIN(a.adoption_window_days), MIN(CASE WHEN a.adopts = 1 THEN a.epoch_day END)
FROM (
  SELECT u.environment_id, u.company_id, u.feature_key, u.epoch_day,
         COALESCE(f.adoption_days, 5) AS adoption_days,
         COALESCE(f.adoption_window_days, 28) AS adoption_window_days,
         CASE WHEN (SELECT COUNT(*) FROM usage_day v
                    WHERE v.environment_id = u.environment_id AND v.company_id = u.company_id
                      AND v.feature_key = u.feature_key
                      AND v.epoch_day > u.epoch_day - COALESCE(f.adoption_window_days, 28)
                      AND v.epoch_day <= u.epoch_day) >= COALESCE(f.adoption_days, 5)
              THEN 1 ELSE 0 END AS adopts
  FROM usage_day u
  LEFT JOIN feature f ON f.environment_id = u.environment_id AND f.feature_key = u.feature_key
) a
GROUP BY a.environment_id, a.company_id, a.feature_key;
