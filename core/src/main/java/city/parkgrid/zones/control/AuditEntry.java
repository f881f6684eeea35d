package city.parkgrid.zones.control;

import java.time.Instant;

/** One change of a unit's control, schedule or trigger: by whom, why, what. Never edited. */
public record AuditEntry(String zoneId, Instant at, String actor, String action, String detail) {}
