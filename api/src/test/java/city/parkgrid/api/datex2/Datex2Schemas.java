package city.parkgrid.api.datex2;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The published DATEX II schemas, as copied unedited into {@code standards/datex2-v3.x/}: every
 * import the schemas make is resolved to those copies (never the network; anything else fails).
 */
final class Datex2Schemas {

    static final String V3_7 = "datex2-v3.7";
    static final String V3_0 = "datex2-v3.0";

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private Datex2Schemas() {}

    /** Throws SAXException naming the first violation. */
    static void validate(String version, String xml) throws Exception {
        schema(version).newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Schema schema(String version) {
        return SCHEMAS.computeIfAbsent(version, v -> {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                DOMImplementationLS ls = (DOMImplementationLS)
                        DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
                factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                    String file = systemId.substring(systemId.lastIndexOf('/') + 1);
                    URL local = resource(v, file);
                    LSInput input = ls.createLSInput();
                    try {
                        input.setByteStream(local.openStream());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    input.setSystemId(local.toExternalForm());
                    input.setPublicId(publicId);
                    return input;
                });
                // v3.0's payload schema does not import the parking namespace: compile it beside it
                List<String> roots = v.equals(V3_0)
                        ? List.of("DATEXII_3_D2Payload.xsd", "DATEXII_3_Parking.xsd")
                        : List.of("DATEXII_3_D2Payload.xsd");
                List<InputStream> opened = new ArrayList<>();
                try {
                    List<Source> sources = new ArrayList<>();
                    for (String root : roots) {
                        URL url = resource(v, root);
                        InputStream in = url.openStream();
                        opened.add(in);
                        sources.add(new StreamSource(in, url.toExternalForm()));
                    }
                    return factory.newSchema(sources.toArray(Source[]::new));
                } finally {
                    for (InputStream in : opened) {
                        in.close();
                    }
                }
            } catch (SAXException e) {
                throw new IllegalStateException("the DATEX II " + v + " schemas do not compile", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static URL resource(String version, String file) {
        URL url = Datex2Schemas.class.getResource("/standards/" + version + "/" + file);
        if (url == null) {
            throw new IllegalStateException("schema " + file + " is not among the local copies of " + version);
        }
        return url;
    }
}
