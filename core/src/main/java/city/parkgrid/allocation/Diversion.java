package city.parkgrid.allocation;

import java.util.List;

/**
 * Why a driver is offered lots outside the parking unit of their destination: the bureau's control
 * of it is diverting demand. Told to the driver with the options.
 */
public record Diversion(String fromZone, List<String> toZones, String reason) {

    public Diversion {
        toZones = List.copyOf(toZones);
    }
}
