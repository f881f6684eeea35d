package city.parkgrid.api.ops;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A backing service that {@code GET /health} reports on, with a cheap probe of it. */
public record HealthCheck(String name, Supplier<CompletionStage<Void>> probe) {}
