package city.parkgrid.allocation;

/** A candidate and its cost in metres of walking; lower is better. */
public record RankedOption(Candidate candidate, double cost) {}
