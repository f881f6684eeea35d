package city.parkgrid.allocation;

import java.util.List;

/** The lots offered for a destination, best first, and the diversion in force, if any (else null). */
public record GuidanceResult(List<RankedOption> options, Diversion diversion) {

    public GuidanceResult {
        options = List.copyOf(options);
    }
}
