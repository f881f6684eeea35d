package city.parkgrid.zones.control;

/** Why a control is in force: a manual control outranks a schedule, which outranks a trigger. */
public enum ControlSource {
    DEFAULT,
    TRIGGER,
    SCHEDULE,
    MANUAL
}
