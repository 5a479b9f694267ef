package org.marketetl.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory of this JVM. The heap is sampled every 10 ms (used bytes, all heap pools at one
 * instant); the sum of each heap pool's own peak is kept as well, an upper bound that cannot miss
 * a spike between samples. RSS is the kernel's high-water mark, {@code VmHWM}, which includes
 * native memory (DuckDB's buffers, thread stacks, metaspace).
 */
final class MemoryWatch {

    private static final long SAMPLE_MS = 10;

    private final AtomicLong peakHeapUsed = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private MemoryWatch() {
        sampler = new Thread(this::sample, "benchmark-memory-watch");
        sampler.setDaemon(true);
    }

    static MemoryWatch start() {
        MemoryWatch watch = new MemoryWatch();
        watch.sampler.start();
        return watch;
    }

    /** Stops sampling and answers the peaks seen since {@link #start()}. */
    Peaks stop() throws InterruptedException {
        running = false;
        sampler.join();
        recordHeap();
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Peaks(peakHeapUsed.get(), poolPeaks, vmHwmBytes());
    }

    private void sample() {
        while (running) {
            recordHeap();
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void recordHeap() {
        long used = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(MemoryWatch::used).sum();
        peakHeapUsed.accumulateAndGet(used, Math::max);
    }

    private static long used(MemoryPoolMXBean pool) {
        return pool.getUsage().getUsed();
    }

    /** {@code VmHWM} from {@code /proc/self/status}, in bytes; -1 where there is no procfs. */
    private static long vmHwmBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @param heapUsed      highest sampled heap in use
     * @param heapPoolPeaks sum of each heap pool's peak (an upper bound: pools peak at different times)
     * @param rss           peak resident set size
     */
    record Peaks(long heapUsed, long heapPoolPeaks, long rss) {
    }
}
