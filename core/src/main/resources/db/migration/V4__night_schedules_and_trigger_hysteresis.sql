-- Night schedules: a to_time before from_time runs into the next day (22:00–06:00), so only
-- to_time = from_time, which is no window at all, is refused now.
SET search_path TO ${flyway:defaultSchema}, public;

ALTER TABLE zone_schedules DROP CONSTRAINT zone_schedules_check;
ALTER TABLE zone_schedules ADD CONSTRAINT zone_schedules_window_check CHECK (from_time <> to_time);

-- Trigger hysteresis: an active trigger stays active for at least min_active_minutes, then until
-- the demand is below release_below, so a unit hovering at its threshold does not flap. Existing
-- triggers get the defaults new ones get (ZoneControlService.putTrigger): 5 points below the
-- threshold (half of it under 10%), rounded to four places, and 15 minutes. The columns keep no
-- default of their own afterwards, so that the default lives in one place.
ALTER TABLE zone_triggers
    ADD COLUMN release_below double precision,
    ADD COLUMN min_active_minutes integer NOT NULL DEFAULT 15;
UPDATE zone_triggers
    SET release_below = round(GREATEST(occupancy_above - 0.05, occupancy_above / 2)::numeric, 4)::double precision;
ALTER TABLE zone_triggers
    ALTER COLUMN release_below SET NOT NULL,
    ALTER COLUMN min_active_minutes DROP DEFAULT,
    ADD CONSTRAINT zone_triggers_release_below_check CHECK (release_below > 0 AND release_below < occupancy_above),
    ADD CONSTRAINT zone_triggers_min_active_minutes_check CHECK (min_active_minutes >= 0 AND min_active_minutes <= 1440);
