package io.waymark.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the store may be used, and the work that waits for it (migrations, the first admin).
 *
 * <p>Usually at once. SQLite on a network file system (EFS: {@code journal_mode=delete}) must never
 * have two writers, and SQLite's own locks cannot be trusted across hosts, so the process first
 * takes an exclusive lock on {@code <database>.lock} and holds it until it exits. {@code serve}
 * takes it in the background once its web server is up: {@code /health} answers meanwhile (the
 * container stays healthy), {@code /health/ready} says 503, and requests wait for the store up to
 * the pool's connection timeout. So a new task can start beside the old one (a deployment with no
 * gap): it takes over the moment the old one's graceful shutdown ends and releases the lock. {@code
 * migrate} and {@code create-admin} take it before they start, waiting as long as it takes.
 */
public final class StoreStartup implements AutoCloseable {

    /**
     * How often a waiting process retries the lock; NFS clients poll blocked locks slowly, so we
     * poll ourselves.
     */
    static final Duration LOCK_POLL = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(StoreStartup.class);

    private final Path lockFile;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Runnable> waiting = new ArrayList<>();

    /**
     * The thread running the waiting work (migrations first), which uses the store before it counts
     * as ready.
     */
    private volatile Thread opening;

    private FileChannel channel;
    private FileLock lock;

    private StoreStartup(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** A store that may be used at once. */
    static StoreStartup immediate() {
        StoreStartup startup = new StoreStartup(null);
        startup.open();
        return startup;
    }

    /** A store that may be used once this process holds {@code lockFile} ({@link #acquire}). */
    static StoreStartup behindLock(Path lockFile) {
        return new StoreStartup(lockFile);
    }

    /**
     * Runs {@code work} once the store may be used: now, or when the lock is held, in the order
     * given.
     */
    public void whenReady(Runnable work) {
        synchronized (waiting) {
            if (ready.getCount() > 0) {
                waiting.add(work);
                return;
            }
        }
        work.run();
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /**
     * Whether the calling thread may use the store now: it is ready, or this thread runs the work
     * it waits for.
     */
    boolean mayBeUsedByThisThread() {
        return isReady() || Thread.currentThread() == opening;
    }

    /** Waits up to {@code timeout} for the store; false when it is still not ready. */
    public boolean awaitReady(Duration timeout) {
        try {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes the lock, waiting for another process to release it, then runs the waiting work. */
    void acquire() {
        if (isReady()) {
            return;
        }
        Instant since = Instant.now();
        boolean told = false;
        try {
            OwnerOnly.directory(lockFile.toAbsolutePath().getParent());
            channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while ((lock = channel.tryLock()) == null) {
                if (!told) {
                    log.info("Waiting for {}: another process holds the database", lockFile);
                    told = true;
                }
                Thread.sleep(LOCK_POLL);
            }
            String holder =
                    ManagementFactory.getRuntimeMXBean().getName()
                            + " since "
                            + Instant.now()
                            + "\n";
            channel.truncate(0).write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + lockFile, e);
        }
        if (told) {
            log.info(
                    "Holding {} after {} ms",
                    lockFile,
                    Duration.between(since, Instant.now()).toMillis());
        }
        open();
    }

    private void open() {
        opening = Thread.currentThread();
        try {
            runWaitingWork();
        } finally {
            opening = null;
        }
    }

    private void runWaitingWork() {
        while (true) {
            List<Runnable> work;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    ready.countDown();
                    return;
                }
                work = List.copyOf(waiting);
                waiting.clear();
            }
            work.forEach(Runnable::run);
        }
    }

    /** Releases the lock; called after the pools closed, when the context shuts down. */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
