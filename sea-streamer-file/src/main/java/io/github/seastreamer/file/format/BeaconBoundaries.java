package io.github.seastreamer.file.format;

/**
 * The distance from a file position to the next beacon position, shared by the reader and
 * the writer: {@code interval - position % interval}, dividing only when a beacon
 * position is passed or the position moved back (positions mostly move forward by less
 * than an interval).
 * <p>
 * Not thread-safe: one per reader or writer.
 */
final class BeaconBoundaries {

	private final long interval;

	/** The beacon position after the last one {@link #room} met. */
	private long next;

	BeaconBoundaries(long interval) {
		this.interval = interval;
	}

	/**
	 * The bytes from {@code position} to the next beacon position ({@code interval} at a
	 * beacon position).
	 * @param position the file position
	 * @return the room, from 1 to the interval
	 */
	long room(long position) {
		long b = this.next;
		if (position >= b || position < b - this.interval) {
			b = (position / this.interval + 1) * this.interval;
			this.next = b;
		}
		return b - position;
	}

}
