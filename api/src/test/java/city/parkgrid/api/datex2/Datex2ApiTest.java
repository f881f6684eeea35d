package city.parkgrid.api.datex2;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.LotBodies;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.TariffBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DATEX II v3 in and out: exports that validate against the published schemas, feeds as sent. */
class Datex2ApiTest {

    private static final String BUREAU = "dev-bureau";
    private static final String XML = "application/xml";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    // --- exports ---

    @Test
    void theTableOfWujiaochangValidatesAgainstTheV37SchemasWholeAndPerUnit() throws Exception {
        giveExternalId("wanda-plaza", "CN-310110_0001");
        Reply tariff = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("freeMinutes", 15)
                        .put("dayRateFen", 1000)
                        .put("nightRateFen", 500)
                        .put("dayStarts", "08:00")
                        .put("nightStarts", "20:00")
                        .put("dailyCapFen", 8000)
                        .encode());
        assertThat(tariff.status()).isEqualTo(200);

        Reply all = platform.get("/v1/datex2/parking-table");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("application/xml");
        Datex2Schemas.validate(Datex2Schemas.V3_7, all.body());
        assertThat(all.body())
                .contains("xsi:type=\"prk:ParkingTablePublication\"")
                .contains("<d2:payload")
                .contains("id=\"CN-310110_0001\"")
                .contains("<fac:externalIdentifier>wanda-plaza</fac:externalIdentifier>")
                .contains("xsi:type=\"fac:RateTable\"")
                .contains("<fac:value>10.00</fac:value>")
                .contains("<prk:quantity>1500</prk:quantity>")
                .contains("id=\"unit:wujiaochang\"");
        assertThat(count(all.body(), "xsi:type=\"prk:Place\"")).isEqualTo(40);

        Reply unit = platform.get("/v1/datex2/parking-table?zone=wujiaochang");
        assertThat(unit.status()).isEqualTo(200);
        Datex2Schemas.validate(Datex2Schemas.V3_7, unit.body());
        assertThat(count(unit.body(), "xsi:type=\"prk:Place\"")).isEqualTo(22);
        assertThat(count(unit.body(), "xsi:type=\"prk:Campus\"")).isEqualTo(1);
    }

    @Test
    void aScheduledVersionWithBandRatesIsPublishedAsASecondRateLineCollectionBeforeItApplies() throws Exception {
        Instant from = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TariffBodies.putWithWeekendBandFrom(
                platform, "wanda-plaza", "dev-operator-op-wanda", TariffBodies.dayAndNight(1000, 8000), from, 1400);

        Reply table = platform.get("/v1/datex2/parking-table");
        assertThat(table.status()).isEqualTo(200);
        Datex2Schemas.validate(Datex2Schemas.V3_7, table.body());
        String rates = table.body()
                .substring(table.body().indexOf("<fac:rates"), table.body().indexOf("</fac:rates>"));
        assertThat(count(rates, "<fac:rateLineCollection ")).isEqualTo(2);
        String todays =
                rates.substring(rates.indexOf("collectionSequence=\"1\""), rates.indexOf("collectionSequence=\"2\""));
        assertThat(todays)
                .contains("<fac:validEnd>" + from + "</fac:validEnd>")
                .doesNotContain("validStart")
                .doesNotContain("14.00");
        String next = rates.substring(rates.indexOf("collectionSequence=\"2\""));
        assertThat(next)
                .contains("<fac:validStart>" + from + "</fac:validStart>")
                .doesNotContain("validEnd")
                .contains("<fac:value>14.00</fac:value>")
                .contains("SAT,SUN 10:00-18:00");
    }

    @Test
    void theStatusValidatesAgainstTheV37SchemasWholeAndPerUnit() throws Exception {
        Reply events = platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("d1", "沪A10001", Instant.now()), entry("d2", "沪A10002", Instant.now())));
        assertThat(events.status()).isEqualTo(200);
        Reply closed = platform.send(
                "PUT",
                "/v1/lots/hopson-one/status",
                "dev-operator-op-hopson",
                new JsonObject().put("status", "CLOSED").encode());
        assertThat(closed.status()).isEqualTo(200);

        Reply all = platform.get("/v1/datex2/parking-status");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("application/xml");
        Datex2Schemas.validate(Datex2Schemas.V3_7, all.body());
        assertThat(count(all.body(), "xsi:type=\"prk:PlaceStatus\"")).isEqualTo(40);
        assertThat(all.body())
                .contains("xsi:type=\"prk:ParkingStatusPublication\"")
                .contains("<prk:numberOfOccupiedSpaces>2</prk:numberOfOccupiedSpaces>")
                .contains("<prk:numberOfVacantSpaces>1498</prk:numberOfVacantSpaces>")
                .contains("<fac:openingStatus>closed</fac:openingStatus>")
                .contains("xsi:type=\"prk:ValidityByTime\"");

        Reply unit = platform.get("/v1/datex2/parking-status?zone=siping-tongji");
        assertThat(unit.status()).isEqualTo(200);
        Datex2Schemas.validate(Datex2Schemas.V3_7, unit.body());
        assertThat(count(unit.body(), "xsi:type=\"prk:PlaceStatus\"")).isEqualTo(5);
        assertThat(count(unit.body(), "xsi:type=\"prk:CampusStatus\"")).isEqualTo(1);
    }

    @Test
    void anUnknownUnitIsA404Problem() {
        for (String path :
                List.of("/v1/datex2/parking-status?zone=atlantis", "/v1/datex2/parking-table?zone=atlantis")) {
            Reply reply = platform.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        }
    }

    @Test
    void theStatusAnswers304ToItsETagAndToADateNotBeforeItsLastChange() throws Exception {
        HttpResponse<String> first = platform.get("/v1/datex2/parking-status?zone=wujiaochang", Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(platform.get("/v1/datex2/parking-status?zone=wujiaochang", Map.of("If-None-Match", etag))
                        .statusCode())
                .isEqualTo(304);
        assertThat(platform.get("/v1/datex2/parking-status?zone=wujiaochang", Map.of("If-Modified-Since", lastModified))
                        .statusCode())
                .isEqualTo(304);

        Thread.sleep(1_100); // Last-Modified has whole seconds
        Reply events = platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("e304", "沪A20001", Instant.now())));
        assertThat(events.status()).isEqualTo(200);

        HttpResponse<String> changed =
                platform.get("/v1/datex2/parking-status?zone=wujiaochang", Map.of("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(platform.get("/v1/datex2/parking-status?zone=wujiaochang", Map.of("If-Modified-Since", lastModified))
                        .statusCode())
                .isEqualTo(200);
        // a unit whose lots did not change keeps its version
        HttpResponse<String> other = platform.get("/v1/datex2/parking-status?zone=siping-tongji", Map.of());
        assertThat(platform.get(
                                "/v1/datex2/parking-status?zone=siping-tongji",
                                Map.of(
                                        "If-None-Match",
                                        other.headers().firstValue("ETag").orElseThrow()))
                        .statusCode())
                .isEqualTo(304);
    }

    // --- imports ---

    @Test
    void aV30SiteDocumentAsNationalFeedsSendItAppliesMatchedRecordsAndReportsTheRest() {
        giveExternalId("wanda-plaza", "NL-12_408");
        giveExternalId("bailian-youyicheng", "NL-12_409");
        giveExternalId("hopson-one", "NL-12_410");
        Map<String, JsonObject> before = occupancies();
        Instant t = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

        Reply reply = platform.send("POST", "/v1/datex2/parking-status", BUREAU, siteModelFeed(t), XML);

        assertThat(reply.status()).isEqualTo(200);
        JsonObject json = reply.json();
        assertThat(json.getString("model")).isEqualTo("v3.0-site");
        JsonArray records = json.getJsonArray("records");
        assertThat(records).hasSize(5);
        JsonObject wanda = records.getJsonObject(0);
        assertThat(wanda.getString("result")).isEqualTo("applied");
        assertThat(wanda.getString("lotId")).isEqualTo("wanda-plaza");
        assertThat(wanda.getInteger("occupied")).isEqualTo(812);
        JsonObject bailian = records.getJsonObject(1);
        assertThat(bailian.getString("result")).isEqualTo("applied");
        assertThat(bailian.getInteger("occupied")).isEqualTo(300);
        assertThat(bailian.getString("note")).contains("disagree").contains("80.0%");
        JsonObject group = records.getJsonObject(2);
        assertThat(group.getString("result")).isEqualTo("rejected");
        assertThat(group.getString("reason")).contains("group-level");
        JsonObject unknown = records.getJsonObject(3);
        assertThat(unknown.getString("result")).isEqualTo("unknown-reference");
        assertThat(unknown.getString("reference")).isEqualTo("NL-12_999");
        JsonObject hopson = records.getJsonObject(4);
        assertThat(hopson.getString("result")).isEqualTo("applied");
        assertThat(hopson.getInteger("occupied"))
                .as("capacity 1300 minus 1000 vacant")
                .isEqualTo(300);
        assertThat(json.getJsonObject("counts").getInteger("applied")).isEqualTo(3);

        Map<String, JsonObject> after = occupancies();
        assertThat(after.get("wanda-plaza").getInteger("occupied")).isEqualTo(812);
        assertThat(after.get("bailian-youyicheng").getInteger("occupied")).isEqualTo(300);
        assertThat(after.get("hopson-one").getInteger("occupied")).isEqualTo(300);
        for (String lot : before.keySet()) {
            if (!List.of("wanda-plaza", "bailian-youyicheng", "hopson-one").contains(lot)) {
                assertThat(after.get(lot)).as(lot + " is changed by no record").isEqualTo(before.get(lot));
            }
        }

        // an older document (a feed replayed late): every matched record is stale, and nothing moves
        Reply again =
                platform.send("POST", "/v1/datex2/parking-status", BUREAU, siteModelFeed(t.minusSeconds(30)), XML);
        assertThat(again.json().getJsonObject("counts").getInteger("stale")).isEqualTo(3);
        assertThat(occupancies()).isEqualTo(after);
    }

    /**
     * Shaped like a national access point's v3.0 feed: {@code prk:}/{@code com:}/{@code d2:}
     * prefixes, an {@code xsi:type} and {@code targetClass}es with the v3.0 schema's own {@code
     * par:} prefix (which the document never declares), the schema instance bound to another
     * prefix, a group-level record, figures that disagree, a nested group of spaces whose counts
     * are not the site's, and a site ParkGrid does not know.
     */
    private static String siteModelFeed(Instant t) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:com="http://datex2.eu/schema/3/common"
                    xmlns:prk="http://datex2.eu/schema/3/parking" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:type="prk:ParkingStatusPublication" lang="nl" modelBaseVersion="3">
                  <com:publicationTime>%2$s</com:publicationTime>
                  <com:publicationCreator><com:country>nl</com:country><com:nationalIdentifier>NDW</com:nationalIdentifier></com:publicationCreator>
                  <prk:parkingTableReference targetClass="par:ParkingTable" id="NL-12" version="7"/>
                  <prk:parkingRecordStatus xsi:type="par:ParkingSiteStatus">
                    <prk:parkingRecordReference targetClass="prk:ParkingRecord" id="NL-12_408" version="3"/>
                    <prk:parkingStatusOriginTime>%1$s</prk:parkingStatusOriginTime>
                    <prk:groupOfParkingSpacesStatus>
                      <prk:parkingNumberOfOccupiedSpaces>12</prk:parkingNumberOfOccupiedSpaces>
                    </prk:groupOfParkingSpacesStatus>
                    <prk:parkingOccupancy>
                      <prk:parkingNumberOfVacantSpaces>688</prk:parkingNumberOfVacantSpaces>
                      <prk:parkingNumberOfOccupiedSpaces>812</prk:parkingNumberOfOccupiedSpaces>
                      <prk:parkingOccupancy>54.1</prk:parkingOccupancy>
                      <prk:parkingOccupancyTrend>increasing</prk:parkingOccupancyTrend>
                    </prk:parkingOccupancy>
                    <prk:parkingSiteStatus>spacesAvailable</prk:parkingSiteStatus>
                    <prk:parkingSiteOpeningStatus>open</prk:parkingSiteOpeningStatus>
                  </prk:parkingRecordStatus>
                  <prk:parkingRecordStatus xmlns:xs="http://www.w3.org/2001/XMLSchema-instance" xs:type="ParkingSiteStatus">
                    <prk:parkingRecordReference targetClass="par:ParkingRecord" id="NL-12_409" version="1"/>
                    <prk:parkingStatusOriginTime>%1$s</prk:parkingStatusOriginTime>
                    <prk:parkingOccupancy>
                      <prk:parkingNumberOfOccupiedSpaces>300</prk:parkingNumberOfOccupiedSpaces>
                      <prk:parkingOccupancy>80.0</prk:parkingOccupancy>
                    </prk:parkingOccupancy>
                  </prk:parkingRecordStatus>
                  <prk:parkingRecordStatus xsi:type="prk:GroupOfParkingSitesStatus">
                    <prk:parkingRecordReference targetClass="par:ParkingRecord" id="NL-12_GROUP" version="1"/>
                    <prk:parkingStatusOriginTime>%1$s</prk:parkingStatusOriginTime>
                    <prk:parkingOccupancy>
                      <prk:parkingNumberOfOccupiedSpaces>1412</prk:parkingNumberOfOccupiedSpaces>
                    </prk:parkingOccupancy>
                  </prk:parkingRecordStatus>
                  <prk:parkingRecordStatus xsi:type="par:ParkingSiteStatus">
                    <prk:parkingRecordReference targetClass="par:ParkingRecord" id="NL-12_999" version="1"/>
                    <prk:parkingStatusOriginTime>%1$s</prk:parkingStatusOriginTime>
                    <prk:parkingOccupancy><prk:parkingNumberOfOccupiedSpaces>5</prk:parkingNumberOfOccupiedSpaces></prk:parkingOccupancy>
                  </prk:parkingRecordStatus>
                  <parkingRecordStatus xsi:type="ParkingSiteStatus">
                    <parkingRecordReference id="NL-12_410"/>
                    <parkingStatusOriginTime>%3$s</parkingStatusOriginTime>
                    <parkingOccupancy><parkingNumberOfVacantSpaces>1000</parkingNumberOfVacantSpaces></parkingOccupancy>
                  </parkingRecordStatus>
                </d2:payload>
                """.formatted(t, t.plusSeconds(30), t.atOffset(ZoneOffset.ofHours(8)));
    }

    @Test
    void aSchemaCleanV30SiteDocumentValidatesAgainstTheV30SchemasAndApplies() throws Exception {
        giveExternalId("wanda-plaza", "NO-1234");
        Instant t = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        String doc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:com="http://datex2.eu/schema/3/common"
                    xmlns:par="http://datex2.eu/schema/3/parking" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:type="par:ParkingStatusPublication" lang="no" modelBaseVersion="3">
                  <com:publicationTime>%1$s</com:publicationTime>
                  <com:publicationCreator><com:country>no</com:country><com:nationalIdentifier>SVV</com:nationalIdentifier></com:publicationCreator>
                  <par:parkingRecordStatus xsi:type="par:ParkingSiteStatus">
                    <par:parkingRecordReference targetClass="par:ParkingRecord" id="NO-1234" version="1"/>
                    <par:parkingStatusOriginTime>%1$s</par:parkingStatusOriginTime>
                    <par:parkingOccupancy>
                      <par:parkingNumberOfVacantSpaces>1000</par:parkingNumberOfVacantSpaces>
                      <par:parkingNumberOfOccupiedSpaces>500</par:parkingNumberOfOccupiedSpaces>
                      <par:parkingOccupancy>33.3</par:parkingOccupancy>
                    </par:parkingOccupancy>
                    <par:parkingSiteStatus>spacesAvailable</par:parkingSiteStatus>
                    <par:parkingSiteOpeningStatus>open</par:parkingSiteOpeningStatus>
                  </par:parkingRecordStatus>
                </d2:payload>
                """.formatted(t);
        Datex2Schemas.validate(Datex2Schemas.V3_0, doc);
        Reply reply = platform.send("POST", "/v1/datex2/parking-status", BUREAU, doc, XML);
        JsonObject record = reply.json().getJsonArray("records").getJsonObject(0);
        assertThat(record.getString("result")).isEqualTo("applied");
        assertThat(record.containsKey("note"))
                .as("figures that agree are not remarked on")
                .isFalse();
        assertThat(occupied("wanda-plaza")).isEqualTo(500);
    }

    @Test
    void aV37StatusExportedByParkGridImportsBackAppliedThenStaleWhenOlder() {
        giveExternalId("wanda-plaza", "CN-310110_0001");
        giveExternalId("hopson-one", "CN-310110_0002");
        Instant at = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        snapshot("wanda-plaza", "dev-operator-op-wanda", 700, at);
        snapshot("hopson-one", "dev-operator-op-hopson", 650, at);
        String exported =
                platform.get("/v1/datex2/parking-status?zone=wujiaochang").body();

        Reply same = platform.send("POST", "/v1/datex2/parking-status", BUREAU, exported, XML);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().getString("model")).isEqualTo("v3.7-facility");
        JsonObject counts = same.json().getJsonObject("counts");
        // a reading as old as the state is applied again (it is the same reading): nothing moves
        assertThat(counts.getInteger("applied")).isEqualTo(2);
        assertThat(counts.getInteger("unknown-reference"))
                .as("lots without a datex2 id")
                .isEqualTo(20);
        assertThat(counts.getInteger("rejected")).as("the unit's CampusStatus").isEqualTo(1);
        assertThat(result(same.json().getJsonArray("records"), "CN-310110_0001").getInteger("occupied"))
                .isEqualTo(700);
        assertThat(occupied("wanda-plaza")).isEqualTo(700);

        String older = exported.replace(at.toString(), at.minusSeconds(60).toString())
                .replace("<prk:numberOfOccupiedSpaces>700<", "<prk:numberOfOccupiedSpaces>1<");
        Reply stale = platform.send("POST", "/v1/datex2/parking-status", BUREAU, older, XML);
        assertThat(stale.json().getJsonObject("counts").getInteger("stale")).isEqualTo(2);
        assertThat(occupied("wanda-plaza")).isEqualTo(700);

        // a minute later, with new counts (as an upstream platform would send), from one operator
        String later = exported.replace(at.toString(), at.plusSeconds(60).toString())
                .replace("<prk:numberOfOccupiedSpaces>700<", "<prk:numberOfOccupiedSpaces>710<");
        Reply newer = platform.send("POST", "/v1/datex2/parking-status", "dev-operator-op-wanda", later, XML);
        JsonArray records = newer.json().getJsonArray("records");
        assertThat(result(records, "CN-310110_0001").getString("result")).isEqualTo("applied");
        assertThat(result(records, "CN-310110_0002").getString("result")).isEqualTo("forbidden");
        assertThat(occupied("wanda-plaza")).isEqualTo(710);
        assertThat(occupied("hopson-one"))
                .as("another operator's lot is not touched")
                .isEqualTo(650);
    }

    @Test
    void anOperatorFeedingAnotherOperatorsLotIsForbiddenPerRecord() {
        giveExternalId("hopson-one", "CN-HOPSON");
        String doc = v37Status("CN-HOPSON", 400, Instant.now().minusSeconds(5));
        Reply reply = platform.send("POST", "/v1/datex2/parking-status", "dev-operator-op-wanda", doc, XML);
        assertThat(reply.status()).isEqualTo(200);
        JsonObject record = reply.json().getJsonArray("records").getJsonObject(0);
        assertThat(record.getString("result")).isEqualTo("forbidden");
        assertThat(record.getString("reason")).contains("op-hopson");
        assertThat(occupied("hopson-one")).isZero();

        Reply own = platform.send("POST", "/v1/datex2/parking-status", "dev-operator-op-hopson", doc, XML);
        assertThat(own.json().getJsonArray("records").getJsonObject(0).getString("result"))
                .isEqualTo("applied");
        assertThat(occupied("hopson-one")).isEqualTo(400);

        Reply driver = platform.send("POST", "/v1/datex2/parking-status", "dev-driver-d1", doc, XML);
        assertThat(driver.status()).isEqualTo(403);
        Reply anonymous = platform.send("POST", "/v1/datex2/parking-status", null, doc, XML);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void aRecordTheOccupancyRulesRefuseIsRejectedWithTheReason() {
        giveExternalId("huangxing-rd-street", "CN-STREET");
        Reply reply = platform.send(
                "POST",
                "/v1/datex2/parking-status",
                BUREAU,
                v37Status("CN-STREET", 5_000, Instant.now().minusSeconds(5)),
                XML);
        JsonObject record = reply.json().getJsonArray("records").getJsonObject(0);
        assertThat(record.getString("result")).isEqualTo("rejected");
        assertThat(record.getString("reason")).contains("occupied").contains("at most");
    }

    @Test
    void anXxeDocumentIsRefusedWith400AndReadsNoFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-5f2c9a");
        giveExternalId("wanda-plaza", "CN-XXE");
        for (String doc : List.of("""
                <?xml version="1.0"?>
                <!DOCTYPE payload [ <!ENTITY xxe SYSTEM "%s"> ]>
                <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:type="prk:ParkingStatusPublication" lang="zh" modelBaseVersion="3">
                  <prk:parkingStatusInformation xmlns:prk="http://datex2.eu/schema/3/parking" xsi:type="prk:PlaceStatus">
                    <prk:reference id="CN-XXE"/><prk:lastUpdated>&xxe;</prk:lastUpdated>
                  </prk:parkingStatusInformation>
                </d2:payload>
                """.formatted(secret.toUri()), """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
                <payload><parkingStatusInformation><reference id="&lol2;"/></parkingStatusInformation></payload>
                """, """
                <?xml version="1.0"?>
                <!DOCTYPE payload SYSTEM "%s">
                <payload><parkingStatusInformation><reference id="CN-XXE"/></parkingStatusInformation></payload>
                """.formatted(secret.toUri()))) {
            Reply reply = platform.send("POST", "/v1/datex2/parking-status", BUREAU, doc, XML);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.body()).doesNotContain("TOP-SECRET").doesNotContain("lollol");
            assertThat(reply.json().getString("detail")).contains("DOCTYPE");
        }
        assertThat(occupied("wanda-plaza")).isZero();
    }

    @Test
    void aBodyThatIsNotXmlOrNotAStatusPublicationIsA400AndAnOversizedOneA413() {
        Reply notXml = platform.send("POST", "/v1/datex2/parking-status", BUREAU, "{\"occupied\": 3}", XML);
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.json().getString("detail")).contains("not well-formed XML");

        String table =
                platform.get("/v1/datex2/parking-table?zone=siping-tongji").body();
        Reply notStatus = platform.send("POST", "/v1/datex2/parking-status", BUREAU, table, XML);
        assertThat(notStatus.status()).isEqualTo(400);
        assertThat(notStatus.json().getString("detail")).contains("ParkingTablePublication");

        Reply empty = platform.send(
                "POST",
                "/v1/datex2/parking-status",
                BUREAU,
                "<d2:payload xmlns:d2=\"http://datex2.eu/schema/3/d2Payload\"/>",
                "text/xml");
        assertThat(empty.status()).isEqualTo(400);

        Reply json = platform.send("POST", "/v1/datex2/parking-status", BUREAU, "{}", "application/json");
        assertThat(json.status()).isEqualTo(415);

        String huge = v37Status("CN-X", 1, Instant.now())
                .replace("</d2:payload>", "<!--" + "x".repeat(1_100_000) + "--></d2:payload>");
        Reply tooLarge = platform.send("POST", "/v1/datex2/parking-status", BUREAU, huge, XML);
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    // --- external ids ---

    @Test
    void theBureauSetsExternalIdsLotReadsShowThemAndTheyAreUniquePerScheme() {
        Reply set = giveExternalId("wanda-plaza", "NL-12_408");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().getJsonObject("externalIds").getString("datex2")).isEqualTo("NL-12_408");
        assertThat(platform.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("externalIds")
                        .getString("datex2"))
                .isEqualTo("NL-12_408");
        JsonObject listed = platform.get("/v1/lots?zone=wujiaochang").jsonArray("lots").stream()
                .map(JsonObject.class::cast)
                .filter(l -> l.getString("id").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getJsonObject("externalIds").getString("datex2")).isEqualTo("NL-12_408");

        Reply taken = giveExternalId("hopson-one", "NL-12_408");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("datex2").contains("NL-12_408").contains("wanda-plaza");
        assertThat(platform.get("/v1/lots/hopson-one").json().getJsonObject("externalIds"))
                .isEqualTo(new JsonObject());

        // the same id in another scheme is another id
        JsonObject body = lotBody("hopson-one").put("externalIds", new JsonObject().put("ndw", "NL-12_408"));
        assertThat(platform.send("PUT", "/v1/lots/hopson-one", BUREAU, body.encode())
                        .status())
                .isEqualTo(200);

        // a bureau edit that does not mention them keeps them; operators may not change them
        JsonObject moved = lotBody("wanda-plaza").put("capacity", 1_490);
        moved.remove("externalIds");
        assertThat(platform.send("PUT", "/v1/lots/wanda-plaza", BUREAU, moved.encode())
                        .json()
                        .getJsonObject("externalIds")
                        .getString("datex2"))
                .isEqualTo("NL-12_408");
        Reply operator = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("externalIds", new JsonObject().put("datex2", "X"))
                        .encode());
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.body()).contains("externalIds");

        Reply badScheme = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza",
                BUREAU,
                lotBody("wanda-plaza")
                        .put("externalIds", new JsonObject().put("Bad Scheme", "x"))
                        .encode());
        assertThat(badScheme.status()).isEqualTo(400);
    }

    // --- helpers ---

    private Reply giveExternalId(String lotId, String datex2Id) {
        JsonObject body = lotBody(lotId).put("externalIds", new JsonObject().put("datex2", datex2Id));
        return platform.send("PUT", "/v1/lots/" + lotId, BUREAU, body.encode());
    }

    /** The whole lot as the bureau sends it, from its read. */
    private JsonObject lotBody(String lotId) {
        return LotBodies.asTheBureauSendsIt(platform.get("/v1/lots/" + lotId).json());
    }

    private void snapshot(String lotId, String token, int occupied, Instant at) {
        Reply reply = platform.send(
                "PUT",
                "/v1/lots/" + lotId + "/occupancy",
                token,
                new JsonObject()
                        .put("occupied", occupied)
                        .put("at", at.toString())
                        .encode());
        assertThat(reply.status()).isEqualTo(200);
    }

    private int occupied(String lotId) {
        return platform.get("/v1/lots/" + lotId)
                .json()
                .getJsonObject("occupancy")
                .getInteger("occupied");
    }

    /** Every lot's occupancy, by id, without the platform's own change time. */
    private Map<String, JsonObject> occupancies() {
        Map<String, JsonObject> states = new HashMap<>();
        for (Object o : platform.get("/v1/lots").jsonArray("lots")) {
            JsonObject lot = (JsonObject) o;
            JsonObject occupancy = lot.getJsonObject("occupancy").copy();
            states.put(lot.getString("id"), occupancy);
        }
        return states;
    }

    private static JsonObject result(JsonArray records, String reference) {
        return records.stream()
                .map(JsonObject.class::cast)
                .filter(r -> reference.equals(r.getString("reference")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record " + reference + " in " + records));
    }

    private static String v37Status(String reference, int occupied, Instant at) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:com="http://datex2.eu/schema/3/common"
                    xmlns:fac="http://datex2.eu/schema/3/facilities" xmlns:prk="http://datex2.eu/schema/3/parking"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:type="prk:ParkingStatusPublication" lang="zh" modelBaseVersion="3">
                  <com:publicationTime>%3$s</com:publicationTime>
                  <com:publicationCreator><com:country>cn</com:country><com:nationalIdentifier>op</com:nationalIdentifier></com:publicationCreator>
                  <prk:parkingStatusInformation xsi:type="prk:PlaceStatus">
                    <fac:reference targetClass="fac:FacilityObject" id="%1$s" version="1"/>
                    <fac:lastUpdated>%3$s</fac:lastUpdated>
                    <prk:occupancy><prk:numberOfOccupiedSpaces>%2$d</prk:numberOfOccupiedSpaces></prk:occupancy>
                  </prk:parkingStatusInformation>
                </d2:payload>
                """.formatted(reference, occupied, at);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
