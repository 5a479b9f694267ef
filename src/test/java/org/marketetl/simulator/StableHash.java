package org.marketetl.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic pseudo-random numbers addressed by key rather than drawn in sequence.
 * Data for a day or quarter is a pure function of (symbol, day), so a series can be extended
 * or read from the middle and always gives the same numbers, whatever was asked for before.
 */
final class StableHash {

    private StableHash() {
    }

    /** FNV-1a over the UTF-8 bytes, then mixed: stable across JVMs, unlike identity hashes. */
    static long ofString(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64 finaliser: spreads nearby inputs (consecutive days) over the whole range. */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long key, int stream) {
        return mix(seed ^ mix(key * 0x632be59bd9b4e019L + stream));
    }

    /** Uniform in [0, 1). */
    static double uniform(long seed, long key, int stream) {
        return (of(seed, key, stream) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    static double between(long seed, long key, int stream, double lo, double hi) {
        return lo + (hi - lo) * uniform(seed, key, stream);
    }

    /** Standard normal via Box-Muller over two keyed uniforms. */
    static double gaussian(long seed, long key, int stream) {
        double u1 = Math.max(uniform(seed, key, stream * 2 + 1000), 1e-12);
        double u2 = uniform(seed, key, stream * 2 + 1001);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    static int index(long seed, long key, int stream, int size) {
        return (int) Math.floorMod(of(seed, key, stream), (long) size);
    }
}
