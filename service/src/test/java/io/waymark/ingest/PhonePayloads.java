package io.waymark.ingest;

/**
 * What the phone apps send, written from each app's own documentation or source (cited beside each
 * payload), never from Waymark's code. Times are mostly chosen relative to now by the tests, so
 * that no test depends on how old a fix may be; {@code %s} marks where they go.
 */
final class PhonePayloads {

    private PhonePayloads() {}

    /**
     * OwnTracks {@code _type=location}, every documented element: lat/lon degrees, tst epoch
     * seconds, acc/alt metres, batt percent, vel km/h, cog degrees, tid, t, conn, created_at,
     * topic. https://owntracks.org/booklet/tech/json/ (owntracks/booklet docs/tech/json.md).
     */
    static final String OWNTRACKS_LOCATION =
            """
            {"_type":"location","lat":48.858330,"lon":2.295130,"tst":%d,"acc":5,"alt":35,\
            "batt":41,"bs":1,"vel":36,"cog":271,"tid":"JJ","t":"u","conn":"w","vac":3,\
            "created_at":%d,"topic":"owntracks/jane/phone","inregions":["Home"],"m":1}""";

    /**
     * The minimal HTTP payload OwnTracks' Traccar page documents:
     * https://owntracks.org/booklet/features/traccar/ (owntracks/booklet docs/features/traccar.md).
     */
    static final String OWNTRACKS_MINIMAL =
            """
            {"lon":2.29513,"lat":48.85833,"_type":"location","tst":%d, "tid":"JJ"}""";

    /**
     * Other message types an app posts in HTTP mode, each with the elements json.md documents for
     * it (https://owntracks.org/booklet/tech/json/): they are accepted, not stored.
     */
    static final String[] OWNTRACKS_OTHER_TYPES = {
        """
        {"_type":"transition","wtst":1700000000,"lat":48.85833,"lon":2.29513,"tst":1700000100,\
        "acc":10,"tid":"JJ","event":"enter","desc":"Home","t":"c","rid":"abc"}""",
        """
        {"_type":"waypoint","desc":"Home","lat":48.85833,"lon":2.29513,"rad":50,"tst":1700000000,"rid":"abc"}""",
        """
        {"_type":"waypoints","waypoints":[{"_type":"waypoint","desc":"Work","lat":1.5,"lon":2.5,"rad":100,"tst":1700000000}]}""",
        """
        {"_type":"lwt","tst":1700000000}""",
        """
        {"_type":"card","name":"Jane","face":"iVBORw0KGgo=","tid":"JJ"}""",
        """
        {"_type":"status","android":{"hib":0,"bo":0,"loc":0,"ps":0,"wifi":1}}""",
        """
        {"_type":"steps","tst":1700000000,"steps":1024,"from":1699990000,"to":1700000000}""",
        """
        {"_type":"encrypted","data":"c2VjcmV0IHN0dWZm"}""",
        """
        {"_type":"configuration","mode":3,"url":"https://example.org/"}"""
    };

    /**
     * OsmAnd protocol as Traccar's decoder reads it (traccar/traccar
     * src/main/java/org/traccar/protocol/OsmAndProtocolDecoder.java): speed in knots, timestamp
     * epoch seconds, batt percent, bearing degrees.
     */
    static final String OSMAND_QUERY =
            "lat=51.507351&lon=-0.127758&timestamp=%d&hdop=0.9&altitude=11.5&speed=10&bearing=90.5"
                    + "&accuracy=4.2&batt=76&charge=true&valid=true";

    /** The same decoder's {@code location=lat,lon} and a millisecond timestamp. */
    static final String OSMAND_LOCATION_PARAMETER =
            "location=-33.865143,151.2099&timestamp=%d&heading=180&speed=0";

    /**
     * Traccar Client 9's JSON body (the shape the issue quotes from traccar-client and Traccar's
     * OsmAnd decoder's JSON branch; field names also in kbeigl/bm TraccarClientFormat.java): speed
     * m/s, battery.level 0–1, timestamp ISO 8601.
     */
    static final String TRACCAR_CLIENT_JSON =
            """
            {"device_id":"%s","location":{"timestamp":"%s","coords":{"latitude":40.7128,\
            "longitude":-74.006,"accuracy":8.5,"speed":2.5,"heading":45,"altitude":15.2},\
            "is_moving":true,"odometer":1234.5,"event":"motionchange",\
            "battery":{"level":0.83,"is_charging":false},"activity":{"type":"walking"}}}""";

    /**
     * GPSLogger's custom URL as docs/phone-apps.md tells a user to type it, expanded the way
     * mendhak/gpslogger CustomUrlManager.getFormattedTextblock does: %LAT/%LON
     * String.valueOf(double), %TIMESTAMP epoch seconds, %ACC/%ALT/%SPD/%DIR String.valueOf (m, m,
     * m/s, degrees), %BATT the battery level as a float percent.
     */
    static final String GPSLOGGER_URL_TEMPLATE =
            "id=%s&lat=%%LAT&lon=%%LON&timestamp=%%TIMESTAMP&accuracy=%%ACC&altitude=%%ALT"
                    + "&speed_mps=%%SPD&bearing=%%DIR&batt=%%BATT";

    /**
     * Overland's documented request (aaronpk/Overland-iOS README.md, "API"): a GeoJSON Feature with
     * [lon, lat], timestamp with a -0700 offset, speed m/s, battery_level 0–1, and the
     * tracking-stats properties.
     */
    static final String OVERLAND_FEATURE =
            """
            {"type":"Feature","geometry":{"type":"Point","coordinates":[-122.030581,37.3318]},\
            "properties":{"timestamp":"%s","altitude":0,"speed":4,"horizontal_accuracy":30,\
            "vertical_accuracy":-1,"motion":["driving","stationary"],"pauses":false,\
            "activity":"other_navigation","desired_accuracy":100,"deferred":1000,\
            "significant_change":"disabled","locations_in_payload":1,"battery_state":"charging",\
            "battery_level":0.89,"device_id":"","wifi":""}}""";
}
