package city.parkgrid.datex2;

import city.parkgrid.InvalidInputException;
import city.parkgrid.access.AccessDeniedException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.datex2.Datex2StatusReader.Model;
import city.parkgrid.datex2.Datex2StatusReader.StatusDocument;
import city.parkgrid.datex2.Datex2StatusReader.StatusRecord;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.OccupancyService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Applies a DATEX II parking status publication: each record about a car park is a counting-sensor
 * snapshot of the lot whose {@code datex2} external id is the record's reference, taken at the
 * record's own time (so a record older than the lot's state is stale, not applied). A lot's
 * operator may feed its own lots, the bureau any lot. Every record gets an outcome; none makes the
 * others fail.
 *
 * <p>Which figure wins: the count of occupied spaces, when given; else capacity minus the vacant
 * spaces; else the percentage of ParkGrid's capacity. Sensors count cars, while percentages are
 * rounded and often computed against another capacity, so a count that disagrees with the
 * percentage is applied and the disagreement reported. Records about groups (a {@code
 * GroupOfParkingSitesStatus}, a {@code CampusStatus}) and about parts of a car park are reported,
 * never spread over lots. Thread-safe.
 */
public final class Datex2StatusImport {

    /** Record types that carry group-level figures, not one car park's. */
    static final Set<String> GROUP_TYPES =
            Set.of("GroupOfParkingSitesStatus", "ParkingGroupStatus", "CampusStatus", "IdentifiedAreaStatus");

    /** Record types about one car park. A record without a type is taken as one (feeds omit it). */
    static final Set<String> SITE_TYPES = Set.of("ParkingSiteStatus", "PlaceStatus");

    /** What became of one record. */
    public enum Result {
        APPLIED("applied"),
        STALE("stale"),
        UNKNOWN_REFERENCE("unknown-reference"),
        FORBIDDEN("forbidden"),
        REJECTED("rejected");

        private final String wire;

        Result(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * @param lotId the lot the record was matched to, or null
     * @param occupied the count applied (or that would have been), or null
     * @param reason why it was not applied (stale, rejected, forbidden), or null
     * @param note what else was noticed (figures that disagree), or null
     */
    public record Outcome(
            int index,
            String reference,
            Result result,
            String lotId,
            Integer occupied,
            Instant at,
            String reason,
            String note) {}

    /** The outcomes in the document's order, and which model it was written in. */
    public record Report(Model model, Instant publicationTime, List<Outcome> outcomes) {

        public long count(Result result) {
            return outcomes.stream().filter(o -> o.result() == result).count();
        }
    }

    private final LotCatalog lots;
    private final OccupancyService occupancy;

    public Datex2StatusImport(LotCatalog lots, OccupancyService occupancy) {
        this.lots = lots;
        this.occupancy = occupancy;
    }

    /**
     * Applies every record it can. Records for different lots are applied concurrently, those for
     * one lot in the document's order. Never blocks.
     *
     * @throws AccessDeniedException when the caller is neither the bureau nor a lot operator
     */
    public CompletionStage<Report> importStatus(Principal caller, StatusDocument document, Instant now) {
        if (caller.role() != Role.BUREAU && caller.role() != Role.OPERATOR) {
            throw new AccessDeniedException(
                    null, "only lot operators and the bureau feed occupancy, not " + caller.describe());
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        Map<String, CompletableFuture<Outcome>> lastPerLot = new HashMap<>();
        for (StatusRecord record : document.records()) {
            Pending pending = judge(caller, record, document.publicationTime());
            if (pending.outcome() != null) {
                outcomes.add(CompletableFuture.completedFuture(pending.outcome()));
                continue;
            }
            CompletableFuture<Outcome> before =
                    lastPerLot.getOrDefault(pending.lot().id(), CompletableFuture.completedFuture(null));
            CompletableFuture<Outcome> applied =
                    before.handle((ignored, failure) -> null).thenCompose(ignored -> apply(record, pending, now));
            lastPerLot.put(pending.lot().id(), applied);
            outcomes.add(applied);
        }
        Model model = document.records().get(0).model();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Report(
                        model,
                        document.publicationTime(),
                        outcomes.stream().map(CompletableFuture::join).toList()));
    }

    /** A record to apply to {@code lot}, or its outcome already decided. */
    private record Pending(Outcome outcome, Lot lot, int occupied, Instant at, String note) {

        static Pending decided(Outcome outcome) {
            return new Pending(outcome, null, 0, null, null);
        }
    }

    private Pending judge(Principal caller, StatusRecord r, Instant publicationTime) {
        String ref = r.reference();
        if (r.type() != null && GROUP_TYPES.contains(r.type())) {
            return rejected(r, null, "group-level figures (" + r.type() + ") are not applied to a lot");
        }
        if (r.type() != null && !SITE_TYPES.contains(r.type())) {
            return rejected(r, null, "a " + r.type() + " is not about a whole car park");
        }
        if (ref == null) {
            return rejected(r, null, "the record has no reference id");
        }
        Lot lot = lots.findLotByExternalId(Lot.DATEX2, ref).orElse(null);
        if (lot == null) {
            return Pending.decided(new Outcome(
                    r.index(),
                    ref,
                    Result.UNKNOWN_REFERENCE,
                    null,
                    null,
                    r.at(),
                    "no lot has the datex2 external id '" + ref + "'",
                    null));
        }
        if (caller.role() != Role.BUREAU && !caller.operates(lot)) {
            return Pending.decided(new Outcome(
                    r.index(),
                    ref,
                    Result.FORBIDDEN,
                    lot.id(),
                    null,
                    r.at(),
                    "lot '" + lot.id() + "' is operated by " + lot.operatorId() + ", not by " + caller.describe(),
                    null));
        }
        if (r.unreadable() != null) {
            return rejected(r, lot, r.unreadable());
        }
        Instant at = r.at() != null ? r.at() : publicationTime;
        if (at == null) {
            return rejected(r, lot, "neither the record nor the publication says when it was observed");
        }
        Integer fromVacant = r.vacant() == null ? null : Math.max(0, lot.capacity() - r.vacant());
        Integer fromPercentage =
                r.percentage() == null ? null : (int) Math.round(r.percentage() / 100.0 * lot.capacity());
        Integer occupied = r.occupied() != null ? r.occupied() : fromVacant != null ? fromVacant : fromPercentage;
        if (occupied == null) {
            return rejected(r, lot, "the record gives no occupied or vacant spaces and no occupancy percentage");
        }
        return new Pending(null, lot, occupied, at, disagreement(r, lot, occupied, fromVacant, fromPercentage));
    }

    /** Says which given figures disagree with the one applied, beyond rounding, or null. */
    private static String disagreement(
            StatusRecord r, Lot lot, int occupied, Integer fromVacant, Integer fromPercentage) {
        int tolerance = Math.max(1, lot.capacity() / 100);
        List<String> notes = new ArrayList<>();
        if (fromVacant != null && r.occupied() != null && Math.abs(fromVacant - occupied) > tolerance) {
            notes.add(r.vacant() + " vacant of " + lot.capacity() + " spaces would be " + fromVacant + " occupied");
        }
        if (fromPercentage != null
                && (r.occupied() != null || fromVacant != null)
                && Math.abs(fromPercentage - occupied) > tolerance) {
            notes.add("the occupancy of " + r.percentage() + "% would be " + fromPercentage + " of " + lot.capacity()
                    + " spaces");
        }
        if (notes.isEmpty()) {
            return null;
        }
        String used = r.occupied() != null ? "the occupied count" : "capacity minus the vacant count";
        return "figures disagree: " + String.join("; ", notes) + "; " + used + " (" + occupied + ") was applied";
    }

    private static Pending rejected(StatusRecord r, Lot lot, String reason) {
        return Pending.decided(new Outcome(
                r.index(), r.reference(), Result.REJECTED, lot == null ? null : lot.id(), null, r.at(), reason, null));
    }

    private CompletableFuture<Outcome> apply(StatusRecord r, Pending p, Instant now) {
        try {
            return occupancy
                    .applySnapshot(p.lot(), p.occupied(), p.at(), now)
                    .thenApply(result -> new Outcome(
                            r.index(),
                            r.reference(),
                            result.applied() ? Result.APPLIED : Result.STALE,
                            p.lot().id(),
                            p.occupied(),
                            p.at(),
                            result.applied()
                                    ? null
                                    : "the lot's state is newer (as of "
                                            + result.occupancy().asOf() + ") than this record",
                            p.note()))
                    .toCompletableFuture();
        } catch (InvalidInputException refused) {
            return CompletableFuture.completedFuture(new Outcome(
                    r.index(),
                    r.reference(),
                    Result.REJECTED,
                    p.lot().id(),
                    p.occupied(),
                    p.at(),
                    refused.field() + " " + refused.getMessage(),
                    p.note()));
        }
    }
}
