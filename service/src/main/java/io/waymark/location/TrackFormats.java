package io.waymark.location;

import io.waymark.shared.Coordinate;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A track written as the store hands its points over, oldest first, in the two formats other
 * programs read. Each point is written and forgotten: nothing here grows with the track, so a
 * download of 100,000 points needs the memory of one.
 */
final class TrackFormats {

    static final String GPX = "application/gpx+xml";

    static final String GEO_JSON = "application/geo+json";

    /** The GPX 1.1 namespace, https://www.topografix.com/GPX/1/1/gpx.xsd. */
    private static final String GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /** What a track is answered as, in order of preference when the Accept allows several. */
    private static final List<MediaType> FORMATS =
            List.of(
                    MediaType.APPLICATION_JSON,
                    MediaType.parseMediaType(GPX),
                    MediaType.parseMediaType(GEO_JSON));

    private TrackFormats() {}

    /**
     * The format an Accept header asks for: its types by falling quality, each answered by the
     * first format it includes, so that {@code *}{@code /*} or no Accept at all keeps the JSON page
     * every client has read so far. Spring has already answered 406 when none of the formats is
     * acceptable.
     */
    static String chosen(String accept) {
        List<MediaType> accepted =
                new ArrayList<>(
                        accept == null || accept.isBlank()
                                ? List.of(MediaType.ALL)
                                : MediaType.parseMediaTypes(accept));
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType wanted : accepted) {
            for (MediaType format : FORMATS) {
                if (wanted.getQualityValue() > 0 && wanted.includes(format)) {
                    return format.toString();
                }
            }
        }
        return MediaType.APPLICATION_JSON_VALUE;
    }

    /**
     * GPX 1.1: one {@code trk} named after the user with one {@code trkseg}; each ping a {@code
     * trkpt} with its {@code time} (xsd:dateTime, UTC). The accuracy radius has no GPX element
     * (hdop is a dilution, not metres) and is left out; there is no elevation to write.
     */
    static void gpx(TrackWindow window, OutputStream out, Consumer<Consumer<Location>> points) {
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.setDefaultNamespace(GPX_NAMESPACE);
            xml.writeStartElement(GPX_NAMESPACE, "gpx");
            xml.writeDefaultNamespace(GPX_NAMESPACE);
            xml.writeAttribute("version", "1.1");
            xml.writeAttribute("creator", "Waymark");
            xml.writeStartElement(GPX_NAMESPACE, "trk");
            element(xml, "name", window.userName());
            xml.writeStartElement(GPX_NAMESPACE, "trkseg");
            points.accept(
                    location -> {
                        try {
                            xml.writeStartElement(GPX_NAMESPACE, "trkpt");
                            xml.writeAttribute(
                                    "lat", Coordinate.toDegrees(location.latE6()).toPlainString());
                            xml.writeAttribute(
                                    "lon", Coordinate.toDegrees(location.lngE6()).toPlainString());
                            element(xml, "time", location.recordedAt().toString());
                            xml.writeEndElement();
                        } catch (XMLStreamException e) {
                            throw new TrackWriteException(e);
                        }
                    });
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new TrackWriteException(e);
        }
    }

    /**
     * GeoJSON (RFC 7946): a FeatureCollection with one Point feature per ping, so each keeps its
     * time; coordinates longitude first, with the decimals that were sent. Properties: {@code
     * recorded_at} (RFC 3339) and {@code accuracy_m} (metres or null); the feature's {@code id} is
     * the ping's.
     */
    static void geoJson(JsonMapper mapper, OutputStream out, Consumer<Consumer<Location>> points) {
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeArrayPropertyStart("features");
            points.accept(
                    location -> {
                        json.writeStartObject();
                        json.writeStringProperty("type", "Feature");
                        json.writeStringProperty("id", location.id());
                        json.writeObjectPropertyStart("geometry");
                        json.writeStringProperty("type", "Point");
                        json.writeArrayPropertyStart("coordinates");
                        json.writeNumber(Coordinate.toDegrees(location.lngE6()));
                        json.writeNumber(Coordinate.toDegrees(location.latE6()));
                        json.writeEndArray();
                        json.writeEndObject();
                        json.writeObjectPropertyStart("properties");
                        json.writeStringProperty("recorded_at", location.recordedAt().toString());
                        json.writeName("accuracy_m");
                        if (location.accuracyM() == null) {
                            json.writeNull();
                        } else {
                            json.writeNumber(location.accuracyM());
                        }
                        json.writeEndObject();
                        json.writeEndObject();
                    });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(GPX_NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /**
     * Writing failed once the answer had begun (most often: the client went away); it can only be
     * cut short.
     */
    static final class TrackWriteException extends RuntimeException {

        TrackWriteException(XMLStreamException cause) {
            super(cause);
        }
    }
}
