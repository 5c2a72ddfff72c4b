package io.github.seastreamer.file.format;

import java.io.IOException;
import java.util.BitSet;

/**
 * Bisection over beacons (spec §8.3): finds the last beacon before a target and the first
 * after it, probing each beacon at most once. Beacons that say nothing about the target
 * ({@link Direction#UNDECIDED}) are skipped.
 */
public final class Surveyor {

	private Surveyor() {
	}

	/**
	 * Where a beacon lies relative to the target.
	 */
	public enum Direction {

		/** Before the target. */
		LEFT,

		/** At or after the target. */
		RIGHT,

		/** The beacon does not tell. */
		UNDECIDED

	}

	/**
	 * Probes one beacon.
	 */
	@FunctionalInterface
	public interface Probe {

		/**
		 * Classify beacon {@code index}.
		 * @param index the beacon index, 1 to max
		 * @return the direction
		 * @throws IOException on a read failure
		 */
		Direction classify(long index) throws IOException;

	}

	/**
	 * Find the bounds.
	 * @param max the highest beacon index in the file
	 * @param probe classifies a beacon
	 * @return {@code {left, right}}: left defaults to 0, right to {@link Long#MAX_VALUE}
	 * @throws IOException on a read failure
	 */
	public static long[] survey(long max, Probe probe) throws IOException {
		long left = 0;
		long right = Long.MAX_VALUE;
		if (max <= 0) {
			return new long[] { left, right };
		}
		long upper = max;
		Direction first = probe.classify(1);
		if (first == Direction.RIGHT) {
			return new long[] { 0, 1 };
		}
		if (first == Direction.LEFT) {
			left = 1;
		}
		if (max > 1) {
			Direction last = probe.classify(max);
			if (last == Direction.LEFT) {
				return new long[] { max, right };
			}
			if (last == Direction.RIGHT) {
				right = max;
			}
		}
		BitSet visited = new BitSet();
		while (true) {
			long lo = left + 1;
			long hi = Math.min(right, upper) - 1;
			if (lo > hi) {
				break;
			}
			long mid = lo + (hi - lo) / 2;
			long pick = -1;
			for (long d = 0; mid - d >= lo || mid + d <= hi; d++) {
				if (mid + d <= hi && !visited.get((int) (mid + d))) {
					pick = mid + d;
					break;
				}
				if (mid - d >= lo && !visited.get((int) (mid - d))) {
					pick = mid - d;
					break;
				}
			}
			if (pick < 0) {
				break;
			}
			visited.set((int) pick);
			Direction d = probe.classify(pick);
			if (d == Direction.LEFT) {
				left = Math.max(left, pick);
			}
			else if (d == Direction.RIGHT) {
				right = Math.min(right, pick);
			}
		}
		return new long[] { left, right };
	}

}
