package city.parkgrid.datex2;

import city.parkgrid.CityTime;
import city.parkgrid.NotFoundException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.tariffs.BandRate;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.ZoneCatalog;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The platform's lots as DATEX II v3.7 parking publications, in the facility model: a {@code
 * ParkingTablePublication} (what each car park is: name, entrance, capacity, operator, tariff)
 * and a {@code ParkingStatusPublication} (how full each is now). Each parking unit is a {@code
 * Campus} whose children are its lots' {@code Place}s, so a unit without lots still publishes a
 * valid table, and its totals travel as a {@code CampusStatus}.
 *
 * <p>A place's DATEX id is the lot's {@code datex2} external id where the bureau set one (the id
 * the national access point knows it by), else ParkGrid's lot id; {@code externalIdentifier}
 * always carries ParkGrid's. Written with StAX straight to the stream (no object model), so a
 * city of lots costs one pass and no garbage per element. Thread-safe.
 */
public final class Datex2Publications {

    static final String D2 = "http://datex2.eu/schema/3/d2Payload";
    static final String COM = "http://datex2.eu/schema/3/common";
    static final String FAC = "http://datex2.eu/schema/3/facilities";
    static final String LOC = "http://datex2.eu/schema/3/locationReferencing";
    static final String PRK = "http://datex2.eu/schema/3/parking";
    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    /** A status publication's occupancy is "almost full" from this share of spaces taken. */
    static final double ALMOST_FULL = 0.9;

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /** Who the publications say made them ({@code publicationCreator}). */
    public record Publisher(String country, String nationalIdentifier) {

        public static final Publisher PARKGRID = new Publisher("cn", "ParkGrid Shanghai");
    }

    /**
     * What one status publication says, read once so that its version can be compared with a
     * client's before any XML is written.
     *
     * @param zoneId the parking unit asked for, or null for the whole city
     * @param version changes whenever any published lot's state or description changes
     * @param lastModified when the platform last changed any of these lots' states
     */
    public record StatusSnapshot(
            String zoneId,
            List<Zone> units,
            List<Lot> lots,
            Map<String, LotOccupancy> states,
            String version,
            Instant lastModified) {}

    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final OccupancyService occupancy;
    private final TariffStore tariffs;
    private final Publisher publisher;

    public Datex2Publications(
            LotCatalog lots, ZoneCatalog zones, OccupancyService occupancy, TariffStore tariffs, Publisher publisher) {
        this.lots = lots;
        this.zones = zones;
        this.occupancy = occupancy;
        this.tariffs = tariffs;
        this.publisher = publisher;
    }

    /** The lots and units published for {@code zoneId} (null: all); an unknown unit is a NotFoundException. */
    private Selection select(String zoneId) {
        if (zoneId == null) {
            return new Selection(zones.listZones(), lots.listLots());
        }
        Zone zone = zones.findZone(zoneId).orElseThrow(() -> new NotFoundException("parking unit", zoneId));
        return new Selection(List.of(zone), lots.listLotsInZone(zoneId));
    }

    private record Selection(List<Zone> units, List<Lot> lots) {}

    /** Reads the live state of the lots published for {@code zoneId}. Never blocks. */
    public CompletionStage<StatusSnapshot> statusSnapshot(String zoneId) {
        Selection selection = select(zoneId);
        List<String> ids = selection.lots().stream().map(Lot::id).toList();
        return occupancy.listOccupancy(ids).thenApply(states -> {
            MessageDigest digest = sha256();
            Instant lastModified = Instant.EPOCH;
            update(digest, zoneId == null ? "*" : zoneId);
            for (Lot lot : selection.lots()) {
                LotOccupancy state = states.get(lot.id());
                update(digest, lot.id());
                update(digest, placeVersion(lot));
                update(digest, state == null ? "unknown" : Long.toString(state.version()));
                if (state != null && state.updatedAt().isAfter(lastModified)) {
                    lastModified = state.updatedAt();
                }
            }
            for (Zone unit : selection.units()) {
                update(digest, unit.id());
            }
            String version = HexFormat.of().formatHex(digest.digest(), 0, 12);
            return new StatusSnapshot(
                    zoneId, selection.units(), selection.lots(), Map.copyOf(states), version, lastModified);
        });
    }

    /** Writes the status publication of a snapshot, as UTF-8. CPU-bound: keep it off event loops when large. */
    public void writeStatus(StatusSnapshot snapshot, Instant publicationTime, OutputStream out) {
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            startPayload(w, "prk:ParkingStatusPublication", publicationTime);
            w.writeEmptyElement("prk", "parkingTableReference", PRK);
            w.writeAttribute("targetClass", "prk:ParkingTable");
            w.writeAttribute("id", tableId(snapshot.zoneId()));
            w.writeAttribute("version", tableVersion(snapshot.units(), snapshot.lots()));
            for (Zone unit : snapshot.units()) {
                List<Lot> inUnit = lotsOf(unit, snapshot.lots());
                // lots of unknown live state are left out (OccupancyTotals), never published as empty
                OccupancyTotals totals = OccupancyTotals.of(inUnit, snapshot.states());
                long capacity = totals.capacity();
                long occupied = totals.occupied();
                long free = totals.free();
                w.writeStartElement("prk", "parkingStatusInformation", PRK);
                w.writeAttribute("xsi", XSI, "type", "prk:CampusStatus");
                reference(w, "fac", FAC, "reference", unitId(unit), unitVersion(unit, inUnit));
                w.writeStartElement("prk", "occupancy", PRK);
                element(w, "prk", PRK, "numberOfVacantSpaces", Long.toString(free));
                element(w, "prk", PRK, "numberOfOccupiedSpaces", Long.toString(occupied));
                if (capacity > 0) {
                    element(w, "prk", PRK, "occupancy", percent(occupied, capacity));
                }
                w.writeEndElement();
                element(
                        w,
                        "prk",
                        PRK,
                        "status",
                        inUnit.size() == totals.unknownLots()
                                ? "unknown"
                                : free == 0 ? "allParkingsFull" : "enoughSpacesAvailable");
                w.writeEndElement();
            }
            for (Lot lot : snapshot.lots()) {
                LotOccupancy state = snapshot.states().get(lot.id());
                if (state != null) { // a lot of unknown live state is left out until it is known
                    writePlaceStatus(w, lot, state);
                }
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the DATEX II status publication failed", e);
        }
    }

    private static void writePlaceStatus(XMLStreamWriter w, Lot lot, LotOccupancy state) throws XMLStreamException {
        w.writeStartElement("prk", "parkingStatusInformation", PRK);
        w.writeAttribute("xsi", XSI, "type", "prk:PlaceStatus");
        reference(w, "fac", FAC, "reference", placeId(lot), placeVersion(lot));
        Instant observed = observedAt(state);
        if (observed != null) {
            element(w, "fac", FAC, "lastUpdated", observed.toString());
        }
        element(w, "fac", FAC, "openingStatus", state.closed() ? "closed" : "open");
        w.writeStartElement("prk", "occupancy", PRK);
        element(w, "prk", PRK, "numberOfVacantSpaces", Integer.toString(state.free()));
        element(w, "prk", PRK, "numberOfOccupiedSpaces", Integer.toString(state.occupied()));
        if (lot.capacity() > 0) {
            element(w, "prk", PRK, "occupancy", percent(state.occupied(), lot.capacity()));
        }
        element(w, "prk", PRK, "occupancyTrend", trend(state));
        w.writeEndElement();
        if (observed != null) {
            w.writeStartElement("prk", "statusValidity", PRK);
            w.writeAttribute("xsi", XSI, "type", "prk:ValidityByTime");
            element(w, "prk", PRK, "statusTime", observed.toString());
            w.writeEndElement();
        }
        if (!state.closed()) {
            element(w, "prk", PRK, "status", placeStatus(lot, state));
        }
        w.writeEndElement();
    }

    /**
     * Writes the table publication for {@code zoneId} (null: all), as UTF-8. Blocking: reads the
     * lots' tariffs from their store (one read).
     */
    public void writeTable(String zoneId, Instant publicationTime, OutputStream out) {
        Selection selection = select(zoneId);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            startPayload(w, "prk:ParkingTablePublication", publicationTime);
            w.writeStartElement("prk", "parkingTable", PRK);
            w.writeAttribute("id", tableId(zoneId));
            w.writeAttribute("version", tableVersion(selection.units(), selection.lots()));
            Zone only = zoneId == null ? null : selection.units().get(0);
            multilingual(
                    w,
                    "prk",
                    PRK,
                    "name",
                    only == null ? "上海公共停车场" : only.nameZh(),
                    only == null ? "Shanghai car parks" : only.nameEn());
            element(w, "prk", PRK, "versionTime", publicationTime.toString());
            Map<String, String> unitVersions = new HashMap<>();
            for (Zone unit : selection.units()) {
                List<Lot> inUnit = lotsOf(unit, selection.lots());
                unitVersions.put(unit.id(), unitVersion(unit, inUnit));
                startHierarchyElement(w, "prk:Campus", unitId(unit), unitVersions.get(unit.id()));
                multilingual(w, "fac", FAC, "name", unit.nameZh(), unit.nameEn());
                element(w, "prk", PRK, "layer", "0");
                element(w, "prk", PRK, "type", "campus");
                long capacity = 0;
                for (Lot lot : inUnit) {
                    reference(w, "prk", PRK, "childId", placeId(lot), placeVersion(lot));
                    capacity += lot.capacity();
                }
                supply(w, capacity);
                w.writeEndElement();
            }
            Map<String, TariffVersions> tariffsByLot =
                    tariffs.findVersions(selection.lots().stream().map(Lot::id).toList());
            for (Lot lot : selection.lots()) {
                List<TariffVersion> published = tariffsByLot
                        .getOrDefault(lot.id(), TariffVersions.none())
                        .fromInForce(publicationTime);
                writePlace(w, lot, unitVersions, published);
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the DATEX II table publication failed", e);
        }
    }

    /** @param unitVersions the version of each published unit, by zone id */
    private static void writePlace(
            XMLStreamWriter w, Lot lot, Map<String, String> unitVersions, List<TariffVersion> tariff)
            throws XMLStreamException {
        startHierarchyElement(w, "prk:Place", placeId(lot), placeVersion(lot));
        multilingual(w, "fac", FAC, "name", lot.nameZh(), lot.nameEn());
        element(w, "fac", FAC, "externalIdentifier", lot.id());
        w.writeStartElement("fac", "locationReference", FAC);
        w.writeAttribute("xsi", XSI, "type", "loc:PointLocation");
        w.writeStartElement("loc", "pointByCoordinates", LOC);
        w.writeStartElement("loc", "pointCoordinates", LOC);
        element(w, "loc", LOC, "latitude", Double.toString(lot.entrance().lat()));
        element(w, "loc", LOC, "longitude", Double.toString(lot.entrance().lon()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("fac", "operator", FAC);
        w.writeAttribute("xsi", XSI, "type", "fac:OrganisationSpecification");
        w.writeAttribute("id", lot.operatorId());
        w.writeAttribute("version", "1");
        w.writeStartElement("fac", "name", FAC);
        w.writeStartElement("com", "values", COM);
        w.writeStartElement("com", "value", COM);
        w.writeAttribute("lang", "en");
        w.writeCharacters(lot.operatorId());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        element(w, "fac", FAC, "externalCode", lot.operatorId());
        w.writeEmptyElement("fac", "organisationUnit", FAC);
        w.writeEndElement();
        if (!tariff.isEmpty()) {
            writeRates(w, placeId(lot), tariff);
        }
        // capacity by vehicle type: ParkGrid counts car spaces only, so one type, the place's supply
        w.writeStartElement("fac", "applicableForVehicles", FAC);
        element(w, "com", COM, "vehicleType", "car");
        w.writeEndElement();
        element(w, "prk", PRK, "layer", "1");
        element(w, "prk", PRK, "type", "place");
        if (lot.zoneId() != null && unitVersions.containsKey(lot.zoneId())) {
            reference(w, "prk", PRK, "parentId", "unit:" + lot.zoneId(), unitVersions.get(lot.zoneId()));
        }
        supply(w, lot.capacity());
        w.writeEndElement();
    }

    /**
     * The tariff as a rate table of one rate line collection per version, the version in force at
     * publication first and every scheduled one after it (a bureau's reviewed rates are published
     * this way before they apply), each valid from its start (unsaid for a tariff set from the start) to the next one's. A collection holds the free
     * minutes at no charge, then a unit rate in the day band and one in the night band, and one per
     * band of the week the version prices, which wins over day or night where they meet (local
     * Asia/Shanghai times, said in each line's description, which DATEX has no finer element for),
     * capped per day.
     */
    private static void writeRates(XMLStreamWriter w, String placeId, List<TariffVersion> versions)
            throws XMLStreamException {
        w.writeStartElement("fac", "rates", FAC);
        w.writeAttribute("xsi", XSI, "type", "fac:RateTable");
        w.writeAttribute("id", placeId + "-rates");
        w.writeAttribute("version", Integer.toUnsignedString(versions.hashCode()));
        element(w, "fac", FAC, "applicableCurrency", "CNY");
        for (int i = 0; i < versions.size(); i++) {
            Tariff t = versions.get(i).tariff();
            w.writeStartElement("fac", "rateLineCollection", FAC);
            w.writeAttribute("collectionSequence", Integer.toString(i + 1));
            element(w, "fac", FAC, "applicableCurrency", "CNY");
            element(w, "fac", FAC, "maxValueCollection", yuan(t.dailyCap()));
            Instant start = versions.get(i).effectiveFrom();
            if (!start.equals(TariffVersion.FROM_THE_START)) {
                element(w, "fac", FAC, "validStart", start.toString());
            }
            if (i + 1 < versions.size()) {
                element(
                        w,
                        "fac",
                        FAC,
                        "validEnd",
                        versions.get(i + 1).effectiveFrom().toString());
            }
            element(w, "fac", FAC, "relativeTimes", "true");
            writeRateLines(w, t);
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void writeRateLines(XMLStreamWriter w, Tariff t) throws XMLStreamException {
        int sequence = 1;
        if (t.freeMinutes() > 0 && t.freeMinutes() < 24 * 60) {
            w.writeStartElement("fac", "rateLine", FAC);
            w.writeAttribute("sequence", Integer.toString(sequence++));
            element(w, "fac", FAC, "rateLineType", "flatRate");
            multilingual(w, "fac", FAC, "description", "免费时段", "free minutes");
            element(w, "fac", FAC, "durationStart", "00:00:00");
            element(
                    w,
                    "fac",
                    FAC,
                    "durationEnd",
                    String.format("%02d:%02d:00", t.freeMinutes() / 60, t.freeMinutes() % 60));
            element(w, "fac", FAC, "value", "0.00");
            w.writeEndElement();
        }
        String zone = " (" + CityTime.SHANGHAI.getId() + ")";
        String per = ", per " + t.unitMinutes() + " minutes";
        rateLine(
                w,
                sequence++,
                t,
                t.dayRate(),
                "日间 " + t.dayStarts() + "–" + t.nightStarts(),
                "day " + t.dayStarts() + "–" + t.nightStarts() + zone + per);
        rateLine(
                w,
                sequence++,
                t,
                t.nightRate(),
                "夜间 " + t.nightStarts() + "–" + t.dayStarts(),
                "night " + t.nightStarts() + "–" + t.dayStarts() + zone + per);
        for (BandRate b : t.bandRates()) {
            rateLine(
                    w,
                    sequence++,
                    t,
                    b.rate(),
                    "时段 " + b.band().label(),
                    "band " + b.band().label() + zone + per + ", instead of the day or night rate");
        }
    }

    private static void rateLine(XMLStreamWriter w, int sequence, Tariff t, Money rate, String zh, String en)
            throws XMLStreamException {
        w.writeStartElement("fac", "rateLine", FAC);
        w.writeAttribute("sequence", Integer.toString(sequence));
        element(w, "fac", FAC, "rateLineType", "incrementingRate");
        multilingual(w, "fac", FAC, "description", zh, en);
        element(w, "fac", FAC, "incrementPeriod", "PT" + t.unitMinutes() + "M");
        element(w, "fac", FAC, "value", yuan(rate));
        w.writeEndElement();
    }

    private void startPayload(XMLStreamWriter w, String type, Instant publicationTime) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.setPrefix("d2", D2);
        w.writeStartElement("d2", "payload", D2);
        w.writeNamespace("d2", D2);
        w.writeNamespace("com", COM);
        w.writeNamespace("fac", FAC);
        w.writeNamespace("loc", LOC);
        w.writeNamespace("prk", PRK);
        w.writeNamespace("xsi", XSI);
        w.writeAttribute("xsi", XSI, "type", type);
        w.writeAttribute("lang", "zh");
        w.writeAttribute("modelBaseVersion", "3");
        element(w, "com", COM, "publicationTime", publicationTime.toString());
        w.writeStartElement("com", "publicationCreator", COM);
        element(w, "com", COM, "country", publisher.country());
        element(w, "com", COM, "nationalIdentifier", publisher.nationalIdentifier());
        w.writeEndElement();
    }

    private static void startHierarchyElement(XMLStreamWriter w, String type, String id, String version)
            throws XMLStreamException {
        w.writeStartElement("prk", "hierarchyElementGeneral", PRK);
        w.writeAttribute("xsi", XSI, "type", type);
        w.writeAttribute("id", id);
        w.writeAttribute("version", version);
    }

    private static void supply(XMLStreamWriter w, long spaces) throws XMLStreamException {
        w.writeStartElement("prk", "supply", PRK);
        element(w, "prk", PRK, "quantity", Long.toString(spaces));
        element(w, "prk", PRK, "viewType", "spaceView");
        w.writeEndElement();
    }

    private static void reference(XMLStreamWriter w, String prefix, String ns, String name, String id, String version)
            throws XMLStreamException {
        w.writeEmptyElement(prefix, name, ns);
        w.writeAttribute("targetClass", "fac:FacilityObject");
        w.writeAttribute("id", id);
        w.writeAttribute("version", version);
    }

    private static void multilingual(XMLStreamWriter w, String prefix, String ns, String name, String zh, String en)
            throws XMLStreamException {
        w.writeStartElement(prefix, name, ns);
        w.writeStartElement("com", "values", COM);
        w.writeStartElement("com", "value", COM);
        w.writeAttribute("lang", "zh");
        w.writeCharacters(zh);
        w.writeEndElement();
        w.writeStartElement("com", "value", COM);
        w.writeAttribute("lang", "en");
        w.writeCharacters(en);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String prefix, String ns, String name, String text)
            throws XMLStreamException {
        w.writeStartElement(prefix, name, ns);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    /** The id a DATEX II consumer knows the lot by: its {@code datex2} external id, else ParkGrid's. */
    public static String placeId(Lot lot) {
        return lot.findExternalId(Lot.DATEX2).orElse(lot.id());
    }

    /** Changes whenever anything published about the lot itself changes (not its occupancy). */
    static String placeVersion(Lot lot) {
        String described = lot.nameZh()
                + '|'
                + lot.nameEn()
                + '|'
                + lot.operatorId()
                + '|'
                + lot.kind()
                + '|'
                + lot.entrance().lat()
                + '|'
                + lot.entrance().lon()
                + '|'
                + lot.capacity()
                + '|'
                + lot.zoneId()
                + '|'
                + lot.externalIds();
        return Integer.toUnsignedString(described.hashCode());
    }

    static String unitId(Zone unit) {
        return "unit:" + unit.id(); // never a ParkGrid lot id: those are slugs, without a colon
    }

    private static String unitVersion(Zone unit, List<Lot> inUnit) {
        StringBuilder described = new StringBuilder(unit.nameZh()).append('|').append(unit.nameEn());
        for (Lot lot : inUnit) {
            described.append('|').append(placeId(lot));
        }
        return Integer.toUnsignedString(described.toString().hashCode());
    }

    private static String tableId(String zoneId) {
        return zoneId == null ? "parkgrid" : "parkgrid:" + zoneId;
    }

    private static String tableVersion(List<Zone> units, List<Lot> lots) {
        MessageDigest digest = sha256();
        for (Zone unit : units) {
            update(digest, unitVersion(unit, lotsOf(unit, lots)));
        }
        for (Lot lot : lots) {
            update(digest, placeVersion(lot));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static List<Lot> lotsOf(Zone unit, List<Lot> lots) {
        List<Lot> inUnit = new ArrayList<>();
        for (Lot lot : lots) {
            if (unit.id().equals(lot.zoneId())) {
                inUnit.add(lot);
            }
        }
        return inUnit;
    }

    /** When the state was observed: the latest gate or sensor time, else the platform's change; null if never. */
    private static Instant observedAt(LotOccupancy state) {
        if (!state.asOf().equals(Instant.EPOCH)) {
            return state.asOf();
        }
        return state.updatedAt().equals(Instant.EPOCH) ? null : state.updatedAt();
    }

    /**
     * ParkGrid keeps no history of counts, but it knows who is on the way: spaces held for drivers
     * driving there will be taken, so held spaces mean the lot is filling; without holds the trend
     * is not known (rather than claimed stable).
     */
    private static String trend(LotOccupancy state) {
        return state.held() > 0 ? "increasing" : "unknown";
    }

    private static String placeStatus(Lot lot, LotOccupancy state) {
        if (state.free() == 0) {
            return "full";
        }
        return state.capacity() - state.free() >= ALMOST_FULL * lot.capacity() ? "almostFull" : "spacesAvailable";
    }

    /** Occupied share of capacity in percent, one decimal. */
    private static String percent(long occupied, long capacity) {
        return Double.toString(Math.round(occupied * 1000.0 / capacity) / 10.0);
    }

    private static String yuan(Money money) {
        long fen = money.fen();
        return (fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + (fen % 100);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
