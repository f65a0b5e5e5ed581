import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phones against a Waymark service on this machine, open loop: each simulated phone sends one
 * ping every 10 s at its own phase (a request is sent at its time whether or not earlier answers
 * came back, as real phones do), so a slow service shows as latency, not as a lower rate.
 * Latency runs from the moment a request was due, not from when it went out, so a load generator
 * that falls behind counts against the figures instead of hiding them (no coordinated omission).
 *
 * <p>The protocols mix as issue 21 gives it: OwnTracks HTTP 50 % (Basic user:key, one {@code
 * location} message; the answer must be a JSON array), OsmAnd 30 % (GET with the key as {@code
 * id}; 200), Overland 20 % (Bearer key, a batch of 10 points; the answer must be exactly {@code
 * {"result":"ok"}}). Each phone is its own device with distinct, increasing timestamps (a resend
 * would be deduplicated, and measured as cheaper than it is).
 *
 * <p>Before each step the devices it adds are created through the API: a user per DEVICES_PER_USER
 * devices (registration and sign-in cost a bcrypt hash each), then {@code POST /api/v1/devices}.
 * Phones come from distinct loopback addresses, {@value #DEVICES_PER_ADDRESS} per address
 * (127.1.x.y), as phones on a mobile network do, so the per-address ingest limit and the
 * connections-per-client cap stay at their production defaults and are not what is measured.
 *
 * <pre>java bench/Devices.java BASE_URL STEPS [STEP_SECONDS=60] [WARM_SECONDS=20]
 *     [DEVICES_PER_USER=10] [P99_MS=500] [LABEL="one lean task"]</pre>
 *
 * With PROFILE_PID set (the service's process id), each measured step runs under Java Flight
 * Recorder (jcmd JFR.start/JFR.stop, settings=profile) into PROFILE_DIR/devices-N.jfr, so a profile
 * shows the ingest load alone, without the setup's bcrypt hashes, one file per device count.
 *
 * <p>Prints one line per step: devices, requests/s, pings/s, p50, p99 and max latency, errors; then
 * how many devices the service held with p99 under P99_MS and no error. Stops at the first step
 * that does not hold. Exits 1 when the first step saw an error (a broken service or benchmark), 2
 * on bad arguments.
 */
public class Devices {

    static final Duration PERIOD = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DEVICES_PER_ADDRESS = 25;
    static final int OVERLAND_BATCH = 10;
    static final String PASSWORD = "correct-horse-battery";

    enum Protocol {
        OWNTRACKS,
        OSMAND,
        OVERLAND;

        /** 5 of every 10 phones OwnTracks, 3 OsmAnd, 2 Overland. */
        static Protocol of(int index) {
            int tenth = index % 10;
            return tenth < 5 ? OWNTRACKS : tenth < 8 ? OSMAND : OVERLAND;
        }
    }

    record Phone(int index, String userName, String key, Protocol protocol, HttpClient client) {}

    /** One step's answers: latencies in microseconds, sorted at the end for exact percentiles. */
    static final class Step {
        final int devices;
        final AtomicInteger pending = new AtomicInteger();
        final AtomicLong pings = new AtomicLong();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        private long[] latencies = new long[1024];
        private int count;

        Step(int devices) {
            this.devices = devices;
        }

        synchronized void record(long micros) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = micros;
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        int errorCount() {
            return errors.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(latencies, count);
            Arrays.sort(copy);
            return copy;
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private final URI base;
    private final int devicesPerUser;
    private final List<Phone> phones = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private final AtomicReference<Step> current = new AtomicReference<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient setupClient;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private volatile boolean running = true;

    Devices(URI base, int devicesPerUser) {
        this.base = base;
        this.devicesPerUser = devicesPerUser;
        this.setupClient = client(null);
    }

    HttpClient client(InetAddress local) {
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(REQUEST_TIMEOUT)
                        .executor(threads);
        if (local != null) {
            builder.localAddress(local);
        }
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: java bench/Devices.java BASE_URL STEPS(250,500,...) [STEP_SECONDS]"
                            + " [WARM_SECONDS] [DEVICES_PER_USER] [P99_MS] [LABEL]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        int[] steps = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int stepSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warmSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int devicesPerUser = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        long p99Limit = args.length > 5 ? Long.parseLong(args[5]) : 500;
        String label = args.length > 6 ? args[6] : "the service";
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 1 || steps[i] > 100_000 || (i > 0 && steps[i] <= steps[i - 1])) {
                System.err.println("bench/Devices: STEPS must increase, from 1 to 100000");
                System.exit(2);
            }
        }
        System.exit(new Devices(base, devicesPerUser).run(steps, stepSeconds, warmSeconds, p99Limit, label));
    }

    int run(int[] steps, int stepSeconds, int warmSeconds, long p99Limit, String label)
            throws Exception {
        System.out.printf(
                "%-8s %8s %8s %9s %9s %9s %7s  %s%n",
                "devices", "req/s", "pings/s", "p50 ms", "p99 ms", "max ms", "errors", "kinds");
        int held = 0;
        boolean firstStepBroken = false;
        for (int i = 0; i < steps.length; i++) {
            grow(steps[i]);
            if (i == 0 && warmSeconds > 0) {
                current.set(new Step(steps[0])); // discarded: the JIT compiles the ingest paths
                Thread.sleep(Duration.ofSeconds(warmSeconds));
            }
            Step step = new Step(steps[i]);
            flightRecorder("JFR.start", "name=devices-" + steps[i], "settings=profile");
            current.set(step);
            Thread.sleep(Duration.ofSeconds(stepSeconds));
            current.set(null);
            flightRecorder(
                    "JFR.stop",
                    "name=devices-" + steps[i],
                    "filename=" + System.getenv("PROFILE_DIR") + "/devices-" + steps[i] + ".jfr");
            drain(step);
            long[] sorted = step.sorted();
            long p99 = percentile(sorted, 99) / 1000;
            System.out.printf(
                    "%-8d %8.1f %8.1f %9.1f %9.1f %9.1f %7d  %s%n",
                    step.devices,
                    (double) (sorted.length + step.errorCount()) / stepSeconds,
                    (double) step.pings.get() / stepSeconds,
                    percentile(sorted, 50) / 1000.0,
                    percentile(sorted, 99) / 1000.0,
                    percentile(sorted, 100) / 1000.0,
                    step.errorCount(),
                    new TreeMap<>(Map.copyOf(step.errors)));
            boolean holds = step.errorCount() == 0 && p99 < p99Limit && sorted.length > 0;
            if (i == 0 && step.errorCount() > 0) {
                firstStepBroken = true;
            }
            if (!holds) {
                break;
            }
            held = step.devices; // the phones send nothing while the next step's devices are created
        }
        running = false;
        System.out.printf(
                "%s holds %d devices (p99 < %d ms, no error)%s%n",
                label,
                held,
                p99Limit,
                held == steps[steps.length - 1] ? "; the largest step tried: try larger STEPS" : "");
        threads.shutdownNow();
        return firstStepBroken ? 1 : 0;
    }

    /** jcmd against the service when PROFILE_PID is set; a failure stops the run. */
    static void flightRecorder(String command, String... options) throws Exception {
        String pid = System.getenv("PROFILE_PID");
        if (pid == null || pid.isBlank()) {
            return;
        }
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, command));
        line.addAll(List.of(options));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
        }
    }

    /** Waits (bounded by the request timeout) for the answers to a step's requests. */
    void drain(Step step) throws InterruptedException {
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(5).toNanos();
        while (step.pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (step.pending.get() > 0) {
            for (int i = step.pending.get(); i > 0; i--) {
                step.error("unanswered");
            }
        }
    }

    /** Creates devices (and their users) up to {@code count}, then starts their phones. */
    void grow(int count) throws Exception {
        int from = phones.size();
        int users = (count - from + devicesPerUser - 1) / devicesPerUser;
        Phone[] created = new Phone[count - from];
        Semaphore parallel = new Semaphore(8);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int first = from + u * devicesPerUser;
            int last = Math.min(count, first + devicesPerUser);
            work.add(
                    threads.submit(
                            () -> {
                                parallel.acquire();
                                try {
                                    createUser(first, last, from, created);
                                } finally {
                                    parallel.release();
                                }
                                return null;
                            }));
        }
        for (var future : work) {
            future.get();
        }
        for (Phone phone : created) {
            phones.add(phone);
            long phase = ThreadLocalRandom.current().nextLong(PERIOD.toMillis());
            threads.submit(() -> live(phone, phase));
        }
    }

    HttpClient clientFor(int index) throws IOException {
        int address = index / DEVICES_PER_ADDRESS;
        while (clients.size() <= address) {
            int n = clients.size();
            clients.add(
                    client(InetAddress.getByAddress(new byte[] {127, 1, (byte) (n / 250), (byte) (n % 250 + 1)})));
        }
        return clients.get(address);
    }

    void createUser(int first, int last, int from, Phone[] created) throws Exception {
        String user = "phone-" + run + "-" + first;
        expect(
                post("/api/v1/users", "application/json", null,
                        "{\"user_name\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}"),
                201);
        String token =
                field(
                        expect(
                                post("/api/v1/auth/token", "application/x-www-form-urlencoded", null,
                                        "grant_type=password&username=" + user + "&password=" + PASSWORD),
                                200),
                        "access_token");
        for (int index = first; index < last; index++) {
            String key =
                    field(
                            expect(
                                    post("/api/v1/devices", "application/json", "Bearer " + token,
                                            "{\"name\":\"phone " + index + "\"}"),
                                    201),
                            "key");
            HttpClient client;
            synchronized (clients) {
                client = clientFor(index);
            }
            created[index - from] = new Phone(index, user, key, Protocol.of(index), client);
        }
    }

    HttpResponse<String> post(String path, String type, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return setupClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static String field(HttpResponse<String> response, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + response.body());
        }
        return m.group(1);
    }

    /** One phone: a request due every 10 s from its phase, each sent on its own virtual thread. */
    void live(Phone phone, long phaseMillis) {
        long startNanos = System.nanoTime();
        long startEpochMillis = System.currentTimeMillis();
        for (long tick = 0; running; tick++) {
            long dueOffset = phaseMillis + tick * PERIOD.toMillis();
            long dueNanos = startNanos + dueOffset * 1_000_000;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
            Step step = current.get();
            if (step == null || !running) {
                continue;
            }
            // The due time as the phone's clock: 10 s apart, so distinct and increasing per device.
            long epochSeconds = (startEpochMillis + dueOffset) / 1000;
            step.pending.incrementAndGet();
            threads.submit(() -> send(phone, step, dueNanos, epochSeconds));
        }
    }

    void send(Phone phone, Step step, long dueNanos, long epochSeconds) {
        try {
            HttpRequest request = request(phone, epochSeconds);
            HttpResponse<String> response =
                    phone.client().send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - dueNanos) / 1000;
            String problem = check(phone.protocol(), response);
            if (problem == null) {
                step.record(micros);
                step.pings.addAndGet(phone.protocol() == Protocol.OVERLAND ? OVERLAND_BATCH : 1);
            } else {
                step.error(problem);
            }
        } catch (HttpTimeoutException e) {
            step.error("timeout");
        } catch (IOException e) {
            step.error(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            step.pending.decrementAndGet();
        }
    }

    /** Null when the answer is what the app expects, else what was wrong with it. */
    static String check(Protocol protocol, HttpResponse<String> response) {
        String kind = protocol.name().toLowerCase();
        if (response.statusCode() != 200) {
            return kind + "-" + response.statusCode();
        }
        boolean right =
                switch (protocol) {
                    case OWNTRACKS -> response.body().startsWith("[");
                    case OSMAND -> true;
                    case OVERLAND -> response.body().equals("{\"result\":\"ok\"}");
                };
        return right ? null : kind + "-unexpected-body";
    }

    HttpRequest request(Phone phone, long epochSeconds) {
        // A phone walking slowly north-east from its own corner of a city.
        double lat = 51.4 + (phone.index() % 1000) / 5000.0 + (epochSeconds % 86_400) / 1e7;
        double lon = -0.2 + (phone.index() / 1000) / 5000.0 + (epochSeconds % 86_400) / 1e7;
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(REQUEST_TIMEOUT);
        return switch (phone.protocol()) {
            case OWNTRACKS -> {
                String basic =
                        Base64.getEncoder()
                                .encodeToString((phone.userName() + ":" + phone.key()).getBytes(StandardCharsets.UTF_8));
                // owntracks/booklet docs/tech/json.md, _type location.
                String body =
                        String.format(
                                "{\"_type\":\"location\",\"lat\":%.6f,\"lon\":%.6f,\"tst\":%d,\"acc\":8,\"alt\":35,"
                                        + "\"batt\":%d,\"vel\":4,\"cog\":45,\"tid\":\"%02d\",\"conn\":\"m\",\"t\":\"t\"}",
                                lat, lon, epochSeconds, 20 + phone.index() % 80, phone.index() % 100);
                yield builder.uri(base.resolve("/api/v1/ingest/owntracks"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
            }
            case OSMAND -> {
                // traccar OsmAndProtocolDecoder: id, lat, lon, timestamp (epoch s), speed in knots.
                String query =
                        String.format(
                                "id=%s&lat=%.6f&lon=%.6f&timestamp=%d&accuracy=6&altitude=35&speed=2.1&bearing=45&batt=%d",
                                URLEncoder.encode(phone.key(), StandardCharsets.UTF_8),
                                lat, lon, epochSeconds, 20 + phone.index() % 80);
                yield builder.uri(base.resolve("/api/v1/ingest/osmand?" + query)).GET().build();
            }
            case OVERLAND -> {
                // aaronpk/Overland-iOS README: a batch of GeoJSON Features, timestamps ISO 8601.
                StringBuilder body = new StringBuilder("{\"locations\":[");
                for (int i = 0; i < OVERLAND_BATCH; i++) {
                    long second = epochSeconds - (OVERLAND_BATCH - 1 - i);
                    if (i > 0) {
                        body.append(',');
                    }
                    body.append(
                            String.format(
                                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]},"
                                            + "\"properties\":{\"timestamp\":\"%s\",\"altitude\":35,\"speed\":1.4,"
                                            + "\"horizontal_accuracy\":10,\"vertical_accuracy\":4,\"battery_level\":0.%02d,"
                                            + "\"battery_state\":\"unplugged\",\"motion\":[\"walking\"],\"wifi\":\"\"}}",
                                    lon + i / 1e6, lat + i / 1e6, Instant.ofEpochSecond(second), 20 + phone.index() % 80));
                }
                body.append("]}");
                yield builder.uri(base.resolve("/api/v1/ingest/overland"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + phone.key())
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
            }
        };
    }
}
