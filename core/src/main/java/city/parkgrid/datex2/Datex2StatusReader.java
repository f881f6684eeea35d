package city.parkgrid.datex2;

import city.parkgrid.InvalidInputException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DATEX II v3 {@code ParkingStatusPublication} as real publishers send it, in the v3.7
 * facility model ({@code parkingStatusInformation}, e.g. {@code PlaceStatus}) or the older site
 * model national access points still send ({@code parkingRecordStatus} of {@code
 * ParkingSiteStatus}). Feeds are not schema-clean, so it reads by local names and positions, not
 * by namespaces: a prefix that is wrong, undeclared or missing ({@code xsi:type="par:…"}, {@code
 * targetClass="prk:…"}) changes nothing. What it cannot use it leaves to the record's outcome
 * rather than refusing the document; only a body that is not XML or not a status publication is
 * refused.
 *
 * <p>No DTD is read and no entity expanded: a document with a DOCTYPE is refused before anything
 * in it is resolved (no XXE, no entity expansion). Thread-safe (stateless).
 */
public final class Datex2StatusReader {

    /** Which parking model a record is written in. */
    public enum Model {
        /** v3.7's facility model: {@code parkingStatusInformation}. */
        FACILITY,
        /** v3.0's site model: {@code parkingRecordStatus}. */
        SITE
    }

    /**
     * One record as read; null where the record did not say.
     *
     * @param index the record's position in the document, from 0
     * @param type its {@code xsi:type} without any prefix ({@code PlaceStatus}, {@code ParkingSiteStatus})
     * @param at its own time (origin, last update or status time), or null; see {@link #publicationTime}
     * @param unreadable what could not be read (a count that is not a number, a time without offset), or null
     */
    public record StatusRecord(
            int index,
            Model model,
            String type,
            String reference,
            Integer occupied,
            Integer vacant,
            Double percentage,
            Instant at,
            String unreadable) {}

    /** The document: when it was published (null if it does not say) and its records in order. */
    public record StatusDocument(Instant publicationTime, List<StatusRecord> records) {}

    private static final XMLInputFactory INPUT = inputFactory();

    private Datex2StatusReader() {}

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // prefixes are read as written and ignored, so an undeclared one is no error
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    /**
     * @throws InvalidInputException naming {@code body} when it is not well-formed XML, has a
     *     DOCTYPE, or is not a DATEX II parking status publication
     */
    public static StatusDocument read(InputStream body) {
        XMLStreamReader r = null;
        try {
            r = INPUT.createXMLStreamReader(body);
            String root = null;
            Instant publicationTime = null;
            List<StatusRecord> records = new ArrayList<>();
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new InvalidInputException("body", "a DOCTYPE is not accepted (no DTDs, no entities)");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new InvalidInputException("body", "entity references are not accepted");
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (root == null) {
                    root = local(r.getLocalName());
                    requireStatusPublication(r, root);
                    continue;
                }
                String name = local(r.getLocalName());
                switch (name) {
                    case "publicationTime" -> publicationTime = instant(text(r));
                    case "parkingStatusInformation" -> records.add(record(r, records.size(), Model.FACILITY));
                    case "parkingRecordStatus" -> records.add(record(r, records.size(), Model.SITE));
                    default -> skip(r);
                }
            }
            if (root == null) {
                throw new InvalidInputException("body", "is empty: expected a DATEX II d2:payload");
            }
            if (records.isEmpty()) {
                throw new InvalidInputException(
                        "body",
                        "holds no parkingStatusInformation (v3.7) or parkingRecordStatus (v3.0) record: not a"
                                + " parking status publication");
            }
            return new StatusDocument(publicationTime, List.copyOf(records));
        } catch (XMLStreamException e) {
            throw new InvalidInputException("body", "is not well-formed XML: " + lastLine(e.getMessage()));
        } finally {
            close(r);
        }
    }

    private static void requireStatusPublication(XMLStreamReader r, String root) {
        if (!root.equals("payload") && !root.equals("d2LogicalModel")) {
            throw new InvalidInputException(
                    "body", "the root element is " + root + ", not a DATEX II payload (d2:payload)");
        }
        String type = xsiType(r);
        if (type != null && !type.equals("ParkingStatusPublication")) {
            throw new InvalidInputException(
                    "body", "is a " + type + ", not a ParkingStatusPublication (post tables elsewhere)");
        }
    }

    /** Reads one record, positioned on its start; returns positioned on its end. */
    private static StatusRecord record(XMLStreamReader r, int index, Model model) throws XMLStreamException {
        String type = xsiType(r);
        String reference = null;
        String occupied = null;
        String vacant = null;
        String percentage = null;
        String originTime = null;
        String lastUpdated = null;
        String statusTime = null;
        // depth 1: the record's own elements; 2: those of its occupancy and validity. Deeper
        // figures belong to parts of the site (groups of spaces, vehicle counts) and are not the site's.
        List<String> path = new ArrayList<>();
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (path.isEmpty()) {
                    break;
                }
                path.remove(path.size() - 1);
                continue;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD) {
                throw new InvalidInputException("body", "entity references are not accepted");
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = local(r.getLocalName());
            String parent = path.isEmpty() ? null : path.get(path.size() - 1);
            if (parent == null) {
                switch (name) {
                    case "reference", "parkingRecordReference" -> {
                        reference = attribute(r, "id");
                        skip(r);
                        continue;
                    }
                    case "parkingStatusOriginTime" -> {
                        originTime = text(r);
                        continue;
                    }
                    case "lastUpdated" -> {
                        lastUpdated = text(r);
                        continue;
                    }
                    default -> {}
                }
            } else if (path.size() == 1 && (parent.equals("occupancy") || parent.equals("parkingOccupancy"))) {
                switch (name) {
                    case "numberOfOccupiedSpaces", "parkingNumberOfOccupiedSpaces" -> {
                        occupied = text(r);
                        continue;
                    }
                    case "numberOfVacantSpaces", "parkingNumberOfVacantSpaces" -> {
                        vacant = text(r);
                        continue;
                    }
                    case "occupancy", "parkingOccupancy" -> {
                        percentage = text(r);
                        continue;
                    }
                    default -> {}
                }
            } else if (path.size() == 1 && name.equals("statusTime")) {
                statusTime = text(r);
                continue;
            }
            path.add(name);
        }
        List<String> unreadable = new ArrayList<>();
        Integer occupiedCount = count(
                occupied, model == Model.SITE ? "parkingNumberOfOccupiedSpaces" : "numberOfOccupiedSpaces", unreadable);
        Integer vacantCount =
                count(vacant, model == Model.SITE ? "parkingNumberOfVacantSpaces" : "numberOfVacantSpaces", unreadable);
        Double percent = null;
        if (percentage != null) {
            try {
                percent = Double.valueOf(percentage.trim());
                if (percent.isNaN() || percent < 0) {
                    unreadable.add("occupancy percentage '" + percentage + "' is not a percentage");
                    percent = null;
                }
            } catch (NumberFormatException e) {
                unreadable.add("occupancy percentage '" + percentage + "' is not a number");
            }
        }
        Instant at = null;
        String time = originTime != null ? originTime : lastUpdated != null ? lastUpdated : statusTime;
        if (time != null) {
            try {
                at = instant(time);
            } catch (InvalidInputException e) {
                unreadable.add(e.getMessage());
            }
        }
        return new StatusRecord(
                index,
                model,
                type,
                reference,
                occupiedCount,
                vacantCount,
                percent,
                at,
                unreadable.isEmpty() ? null : String.join("; ", unreadable));
    }

    private static Integer count(String value, String name, List<String> unreadable) {
        if (value == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        unreadable.add(name + " '" + value + "' is not a count of spaces");
        return null;
    }

    /** An ISO-8601 date-time with offset; a time without one is ambiguous by hours, so it is refused. */
    private static Instant instant(String value) {
        String trimmed = value.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "time", "'" + trimmed + "' is not a date-time with offset (e.g. 2026-05-01T08:00:00+08:00)");
        }
    }

    /** The {@code xsi:type} (any prefix, or none) without its value's prefix, or null. */
    private static String xsiType(XMLStreamReader r) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = r.getAttributePrefix(i);
            String name = r.getAttributeLocalName(i);
            // the schema instance's type, under whatever prefix the feed bound it to (not a plain "type")
            boolean prefixed = (prefix != null && !prefix.isEmpty()) || name.contains(":");
            if (prefixed && local(name).equals("type")) {
                return local(r.getAttributeValue(i).trim());
            }
        }
        return null;
    }

    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (local(r.getAttributeLocalName(i)).equals(name)) {
                String value = r.getAttributeValue(i).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The text of a simple element, positioned on its start; returns positioned on its end. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 0) {
                        text.append(r.getText());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth-- == 0) {
                        return text.toString();
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                    throw new InvalidInputException("body", "entity references are not accepted");
                default -> {}
            }
        }
    }

    /** Skips an element, positioned on its start; returns positioned on its end. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT && depth-- == 0) {
                return;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new InvalidInputException("body", "entity references are not accepted");
            }
        }
    }

    /** {@code prk:ParkingSiteStatus} → {@code ParkingSiteStatus}, whatever the prefix. */
    private static String local(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static String lastLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing more is read from it
            }
        }
    }
}
