package io.github.seastreamer.file.format;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The index record written at every multiple of the beacon interval.
 *
 * <pre>
 * 0D | remaining_messages_bytes u32 | k u8 | marker × k | 0D
 * </pre>
 *
 * @param remainingMessagesBytes bytes of the frame cut by this beacon still to come after
 * it (0 when a frame ended exactly at the beacon)
 * @param markers the markers, at most 255
 */
public record Beacon(long remainingMessagesBytes, List<Marker> markers) {

	/** The size of a beacon without markers. */
	public static final int EMPTY_SIZE = 7;

	/**
	 * Validate and copy.
	 * @param remainingMessagesBytes the remaining bytes
	 * @param markers the markers
	 */
	public Beacon {
		markers = List.copyOf(markers);
		if (markers.size() > 255) {
			throw new SsFormatException(-1, "a beacon holds at most 255 markers, got " + markers.size());
		}
	}

	/**
	 * The encoded size.
	 * @return 7 + the markers' sizes
	 */
	public int size() {
		int size = EMPTY_SIZE;
		for (Marker marker : this.markers) {
			size += marker.size();
		}
		return size;
	}

	/**
	 * How many markers fit in the given space.
	 * @param space bytes
	 * @return {@code min(255, (space - 7) / 282)}, 0 below 7
	 */
	public static int maxMarkers(int space) {
		return (space < EMPTY_SIZE) ? 0 : Math.min(255, (space - EMPTY_SIZE) / Marker.MAX_SIZE);
	}

	/**
	 * How many markers a writer puts in each beacon for an interval: half of what fits.
	 * @param interval the beacon interval
	 * @return the number of markers
	 */
	public static int numMarkers(int interval) {
		return maxMarkers(interval) / 2;
	}

	/**
	 * The markers as the compact JSON array of ss-decode.
	 * @return the JSON text
	 */
	public String markersJson() {
		return this.markers.stream().map(Marker::toJson).collect(Collectors.joining(",", "[", "]"));
	}

}
