package city.parkgrid.api.standards.apds;

import city.parkgrid.api.standards.LiveState.LiveLot;
import city.parkgrid.forecast.LotForecast;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.tariffs.BandRate;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import city.parkgrid.tariffs.TimeBand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * ParkGrid's lots and tariffs in the shapes of APDS v4 (Alliance for Parking Data Standards):
 * a lot is a {@code Place} (layer 0, no campus above it), its occupancy a {@code supply} and a
 * {@code demandTable} of the value counted now, and its tariff two {@code RateTable}s, one per
 * price band of the day.
 */
final class ApdsJson {

    static final String CURRENCY = "CNY";
    static final String TIME_ZONE = "Asia/Shanghai";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private ApdsJson() {}

    static JsonObject meta(Instant now, int offset, int pageSize, int total) {
        return new JsonObject()
                .put("referenceInstant", now.getEpochSecond())
                .put("offset", offset)
                .put("pageSize", pageSize)
                .put("total", total);
    }

    /**
     * A lot as a Place. ParkGrid keeps no record of when a lot was registered, so the
     * {@code hierarchyElementRecord.creationTime} the schema requires is the time of the answer.
     */
    static JsonObject place(LiveLot live, boolean withOccupancy, Instant now) {
        return place(live, withOccupancy, now, List.of());
    }

    /**
     * @param expected forecasts of the lot, each published as a demand table of the
     *     {@code expected} calculation type whose {@code timestamp} and {@code recordDateTime} are
     *     the time forecast (APDS has no other field for the time a prediction is for)
     */
    static JsonObject place(LiveLot live, boolean withOccupancy, Instant now, List<LotForecast> expected) {
        Lot lot = live.lot();
        JsonObject place = new JsonObject()
                .put("id", lot.id())
                .put("version", 1)
                .put("type", "place")
                .put("name", names(lot.nameZh(), lot.nameEn()))
                .put("layer", 0)
                .put("hierarchyElementRecord", new JsonObject().put("creationTime", seconds(now)))
                .put("timeZone", TIME_ZONE)
                .put(
                        "indicativePlacePointLocation",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "Point")
                                        .put(
                                                "coordinates",
                                                new JsonArray()
                                                        .add(lot.entrance().lon())
                                                        .add(lot.entrance().lat()))));
        if (withOccupancy) {
            JsonObject reference = occupancy(lot, live.occupancy());
            for (LotForecast f : expected) {
                JsonObject demand = new JsonObject()
                        .put("count", (int) Math.round(f.expectedOccupied()))
                        .put("occupancyCalculation", "expected")
                        .put("recordDateTime", seconds(f.at()));
                if (f.capacity() > 0) {
                    demand.put(
                            "percentage",
                            Math.min(100.0, Math.round(f.expectedOccupied() * 1_000.0 / f.capacity()) / 10.0));
                }
                reference
                        .getJsonArray("demandTable")
                        .add(new JsonObject()
                                .put("timestamp", seconds(f.at()))
                                .put("demandType", new JsonArray().add(demand)));
            }
            place.put("hierarchyElementReference", reference);
        }
        return place;
    }

    /** Supply (the lot's spaces) and demand (cars counted inside now, as the gates and sensors report). */
    private static JsonObject occupancy(Lot lot, LotOccupancy o) {
        String at = seconds(o.updatedAt());
        JsonObject counted = new JsonObject()
                .put("count", o.occupied())
                .put("occupancyCalculation", "counted")
                .put("recordDateTime", at);
        if (lot.capacity() > 0) {
            counted.put("percentage", Math.min(100.0, Math.round(o.occupied() * 1_000.0 / lot.capacity()) / 10.0));
        }
        return new JsonObject()
                .put(
                        "elementId",
                        new JsonObject().put("id", lot.id()).put("version", 1).put("className", "Place"))
                .put(
                        "supply",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("supplyViewType", "spaceView")
                                        .put("supplyQuantity", lot.capacity())))
                .put(
                        "demandTable",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("timestamp", at)
                                        .put("demandType", new JsonArray().add(counted))));
    }

    /**
     * A lot's tariff versions as rate tables: the version in force now and every later one (a
     * bureau's reviewed rates are published this way before they apply), each valid from its start
     * (now, for the one in force) to the next version's. A version gives two tables, the day band's
     * and the night band's, each valid in its band of every day (Asia/Shanghai), and one more per
     * band of the week it prices (a zone pricing policy's), valid on the band's days and hours, which
     * wins over the day or night table where they meet. Each charges nothing for the free minutes and
     * then its rate per unit; the daily cap is the collection's maximum. The published schema
     * requires {@code validityStart} and {@code activeTimes} without defining them; they are given as
     * the validity's start and the band.
     */
    static List<JsonObject> rateTables(Lot lot, TariffVersions versions, Instant now) {
        List<TariffVersion> published = versions.fromInForce(now);
        List<JsonObject> tables = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            TariffVersion v = published.get(i);
            Tariff tariff = v.tariff();
            // the version in force keeps the lot's plain ids, so a consumer's table of today stays the same table
            String prefix =
                    i == 0 ? lot.id() : lot.id() + "@" + v.effectiveFrom().getEpochSecond();
            Instant start = i == 0 ? now : v.effectiveFrom();
            Instant end = i + 1 < published.size() ? published.get(i + 1).effectiveFrom() : null;
            Validity validity = new Validity(start, end);
            tables.add(rateTable(
                    lot,
                    tariff,
                    prefix + "-day",
                    "日间",
                    "day",
                    tariff.dayRate(),
                    validity.daily(tariff.dayStarts(), tariff.nightStarts())));
            tables.add(rateTable(
                    lot,
                    tariff,
                    prefix + "-night",
                    "夜间",
                    "night",
                    tariff.nightRate(),
                    validity.daily(tariff.nightStarts(), tariff.dayStarts())));
            int n = 1;
            for (BandRate b : tariff.bandRates()) {
                tables.add(rateTable(
                        lot,
                        tariff,
                        prefix + "-band" + n++,
                        b.band().label(),
                        b.band().label(),
                        b.rate(),
                        validity.weekly(b.band())));
            }
        }
        return tables;
    }

    /** When a rate table applies: from {@code start} to {@code end} (null: open), in a recurring period. */
    private record Validity(Instant start, Instant end) {

        Period daily(LocalTime from, LocalTime to) {
            return new Period(this, null, from, to);
        }

        Period weekly(TimeBand band) {
            return new Period(this, band, band.from(), band.to());
        }
    }

    /** @param band the band of the week, null for every day */
    private record Period(Validity validity, TimeBand band, LocalTime from, LocalTime to) {}

    private static JsonObject rateTable(
            Lot lot, Tariff tariff, String id, String zh, String en, Money rate, Period when) {
        String start = seconds(when.validity().start());
        JsonObject period = new JsonObject()
                .put("startTimeOfPeriod", when.from().format(HH_MM))
                .put("endTimeOfPeriod", when.to().format(HH_MM));
        JsonArray lines = new JsonArray();
        int sequence = 1;
        if (tariff.freeMinutes() > 0) {
            lines.add(versioned(id + "-free")
                    .put("sequence", sequence++)
                    .put("rateLineType", "flatRateTier")
                    .put("durationStart", "PT0M")
                    .put("durationEnd", "PT" + tariff.freeMinutes() + "M")
                    .put("value", 0));
        }
        lines.add(versioned(id + "-unit")
                .put("sequence", sequence)
                .put("rateLineType", "incrementingRate")
                .put("durationStart", "PT" + tariff.freeMinutes() + "M")
                .put("incrementPeriod", "PT" + tariff.unitMinutes() + "M")
                .put("value", yuan(rate)));
        JsonObject collection = versioned(id + "-lines")
                .put("collectionSequence", 1)
                .put("applicableCurrency", CURRENCY)
                .put("resetTime", "00:00")
                .put("maxValueCollection", amount(tariff.dailyCap()))
                .put("validStart", start)
                .put("relativeTimes", true)
                .put("taxIncluded", true)
                .put("rateLines", lines);
        JsonObject validPeriod = new JsonObject().put("recurringTimePeriodOfDay", new JsonArray().add(period.copy()));
        if (when.band() != null) {
            JsonArray days = new JsonArray();
            EnumSet.copyOf(when.band().days()).forEach(d -> days.add(d.name().toLowerCase(Locale.ROOT)));
            validPeriod.put(
                    "recurringDayWeekMonthPeriod", new JsonArray().add(new JsonObject().put("applicableDay", days)));
        }
        JsonObject spec = new JsonObject().put("overallStartTime", start);
        if (when.validity().end() != null) {
            spec.put("overallEndTime", seconds(when.validity().end()));
        }
        spec.put("validPeriods", new JsonArray().add(validPeriod));
        JsonObject table = versioned(id)
                .put("rateTableName", names(lot.nameZh() + " " + zh, lot.nameEn() + " " + en + " rate"))
                .put(
                        "rateTableID",
                        new JsonArray()
                                .add(new JsonObject().put("language", "en").put("string", lot.id())))
                .put("availability", "public")
                .put("rateType", "hourly")
                .put(
                        "validity",
                        new JsonObject()
                                .put("validityStatus", "definedByValidityTimeSpec")
                                .put("validityTimeSpecification", spec))
                .put("validityStart", start);
        return table.put("activeTimes", new JsonArray().add(period))
                .put("rateLineCollections", new JsonArray().add(collection));
    }

    private static JsonObject versioned(String id) {
        return new JsonObject().put("id", id).put("version", 1);
    }

    private static JsonArray names(String zh, String en) {
        return new JsonArray()
                .add(new JsonObject().put("language", "zh").put("string", zh))
                .add(new JsonObject().put("language", "en").put("string", en));
    }

    private static JsonObject amount(Money money) {
        return new JsonObject().put("currencyType", CURRENCY).put("currencyValue", yuan(money));
    }

    /** APDS amounts are in the currency's unit: yuan, from ParkGrid's integer fen. */
    private static double yuan(Money money) {
        return money.fen() / 100.0;
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, as APDS's DateTime shows it. */
    private static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
