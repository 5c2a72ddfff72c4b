package io.github.seastreamer.file.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.seastreamer.StreamKey;
import org.jspecify.annotations.Nullable;

/**
 * Writes message frames to a {@code .ss} byte stream, splicing a beacon in at every
 * multiple of the beacon interval (also inside a frame), with markers chosen round-robin
 * as the Rust writer chooses them, so that the bytes are exactly the Rust writer's.
 *
 * <p>
 * Bytes are buffered; {@link #flush()} hands them to the channel (no fsync). The channel
 * is owned by the caller. Not thread-safe: one writer thread.
 */
public final class SsWriter {

	private static final byte[] EOS = { 'E', 'O', 'S' };

	private static final StreamKey INTERNAL = StreamKey.of(StreamKey.SEA_STREAMER_INTERNAL);

	private final WritableByteChannel out;

	private final int interval;

	private final int numMarkers;

	/**
	 * Direct, so that a channel write hands it to the OS as it is (a heap buffer is first
	 * copied into a temporary direct one by the JDK).
	 */
	private final ByteBuffer buffer;

	private final int capacity;

	private boolean released;

	private int buffered;

	private long offset;

	private final Map<StreamShard, StreamState> states = new HashMap<>();

	/** The stream written last (the same instance) and its state: no lookup per frame. */
	private @Nullable StreamShard lastStream;

	private final BeaconBoundaries boundaries;

	private @Nullable StreamState lastState;

	/** The stream whose key bytes {@link #lastKeyBytes} holds (the same instance). */
	private @Nullable StreamShard lastKeyStream;

	private byte[] lastKeyBytes = new byte[0];

	private final TreeMap<StreamShard, StreamState> ordered = new TreeMap<>();

	private long markerCount;

	private final byte[] scratch = new byte[256 + 32];

	private long frameLength;

	private long frameWritten;

	private SsWriter(WritableByteChannel out, int interval, long offset, int bufferSize) {
		this.out = out;
		this.interval = interval;
		this.boundaries = new BeaconBoundaries(interval);
		this.numMarkers = Beacon.numMarkers(interval);
		this.capacity = Math.max(4096, bufferSize);
		this.buffer = DirectBuffers.take(this.capacity);
		this.offset = offset;
	}

	/**
	 * Start a new file: write the header (and, for interval 128, the empty beacon right
	 * after it).
	 * @param out where the bytes go, positioned at the file's start
	 * @param header the header
	 * @param bufferSize the write buffer size
	 * @return the writer
	 */
	public static SsWriter create(WritableByteChannel out, SsHeader header, int bufferSize) {
		SsWriter writer = new SsWriter(out, header.beaconInterval(), 0, bufferSize);
		byte[] bytes = header.encode();
		writer.raw(bytes, 0, bytes.length);
		writer.beaconIfAtBoundary();
		return writer;
	}

	/**
	 * Continue a file: the channel must be positioned at {@code position}, the end of the
	 * last frame kept. If that is a beacon position an empty beacon is written first.
	 * @param out where the bytes go
	 * @param interval the file's beacon interval
	 * @param position the append position
	 * @param bufferSize the write buffer size
	 * @return the writer
	 */
	public static SsWriter append(WritableByteChannel out, int interval, long position, int bufferSize) {
		SsWriter writer = new SsWriter(out, interval, position, bufferSize);
		writer.beaconIfAtBoundary();
		return writer;
	}

	private void beaconIfAtBoundary() {
		if (this.offset > 0 && this.offset % this.interval == 0) {
			writeBeacon(0, List.of());
		}
	}

	/**
	 * Seed the state of a stream (after resuming a file), so its markers and sequence
	 * numbers continue the file's.
	 * @param stream the stream and shard
	 * @param state its state
	 */
	public void seed(StreamShard stream, StreamState state) {
		StreamState copy = state.copy();
		this.lastStream = null;
		this.lastState = null;
		this.states.put(stream, copy);
		this.ordered.put(stream, copy);
	}

	/**
	 * The state of a stream, if this writer has one.
	 * @param stream the stream and shard
	 * @return the state or {@code null}
	 */
	public StreamState state(StreamShard stream) {
		if (stream == this.lastStream) {
			return this.lastState;
		}
		StreamState state = this.states.get(stream);
		if (state != null) {
			this.lastStream = stream;
			this.lastState = state;
		}
		return state;
	}

	/**
	 * The file offset the next byte goes to.
	 * @return the offset
	 */
	public long position() {
		return this.offset;
	}

	/**
	 * The beacon interval.
	 * @return bytes
	 */
	public int interval() {
		return this.interval;
	}

	/**
	 * Write one message.
	 * @param stream the stream and shard
	 * @param sequence the sequence number
	 * @param timestampMs the timestamp, Unix milliseconds, not negative
	 * @param payload the payload array
	 * @param payloadOffset where the payload starts
	 * @param payloadLength the payload size
	 * @return the frame's checksum
	 * @throws SsFormatException for a timestamp before 1970
	 * @throws IOException if the channel fails
	 */
	public int write(StreamShard stream, long sequence, long timestampMs, byte[] payload, int payloadOffset,
			int payloadLength) throws IOException {
		return write(stream, sequence, timestampMs, payload, payloadOffset, payloadLength,
				Crc16.of(payload, payloadOffset, payloadLength));
	}

	/**
	 * Write one message whose checksum the caller computed already (on another thread,
	 * say, so that the writer thread need not).
	 * @param stream the stream and shard
	 * @param sequence the sequence number
	 * @param timestampMs the timestamp, Unix milliseconds, not negative
	 * @param payload the payload array
	 * @param payloadOffset where the payload starts
	 * @param payloadLength the payload size
	 * @param checksum {@link Crc16#of(byte[], int, int)} of the payload; a wrong value
	 * writes a frame that readers reject as damaged
	 * @return the frame's checksum
	 * @throws SsFormatException for a timestamp before 1970
	 * @throws IOException if the channel fails
	 */
	public int write(StreamShard stream, long sequence, long timestampMs, byte[] payload, int payloadOffset,
			int payloadLength, int checksum) throws IOException {
		if (timestampMs < 0) {
			throw new SsFormatException(this.offset, "timestamp " + timestampMs + " ms of a message to " + stream
					+ " is before 1970-01-01, which the .ss format cannot store");
		}
		StreamState state = state(stream);
		if (state == null) {
			state = new StreamState(sequence, timestampMs, Crc16.INIT);
			this.states.put(stream, state);
			this.ordered.put(stream, state);
			this.lastStream = stream;
			this.lastState = state;
		}
		state.apply(sequence, timestampMs, checksum);
		byte[] keyBytes = this.lastKeyBytes;
		if (stream != this.lastKeyStream) {
			keyBytes = stream.key().name().getBytes(StandardCharsets.ISO_8859_1);
			this.lastKeyBytes = keyBytes;
			this.lastKeyStream = stream;
		}
		int n = keyBytes.length;
		long frame = 32L + n + payloadLength;
		if (frame < room(this.offset) && frame <= this.capacity) {
			// the frame ends before the next beacon position: encoded straight into the
			// buffer, with no splicing to consider
			if (this.capacity - this.buffered < frame) {
				flush();
			}
			ByteBuffer b = this.buffer;
			int at = this.buffered;
			b.put(at, (byte) n);
			b.put(at + 1, keyBytes, 0, n);
			at += 1 + n;
			b.putLong(at, stream.shard());
			b.putLong(at + 8, sequence);
			b.putLong(at + 16, timestampMs);
			b.putInt(at + 24, payloadLength);
			b.put(at + 28, payload, payloadOffset, payloadLength);
			at += 28 + payloadLength;
			b.putShort(at, (short) checksum);
			b.put(at + 2, (byte) 0x0D);
			this.buffered = at + 3;
			this.offset += frame;
			return checksum;
		}
		byte[] h = this.scratch;
		h[0] = (byte) n;
		System.arraycopy(keyBytes, 0, h, 1, n);
		Bytes.putLong(h, 1 + n, stream.shard());
		Bytes.putLong(h, 9 + n, sequence);
		Bytes.putLong(h, 17 + n, timestampMs);
		Bytes.putInt(h, 25 + n, payloadLength);
		this.frameLength = frame;
		this.frameWritten = 0;
		try {
			frameBytes(h, 0, 29 + n);
			frameBytes(payload, payloadOffset, payloadLength);
			h[0] = (byte) (checksum >>> 8);
			h[1] = (byte) checksum;
			h[2] = 0x0D;
			frameBytes(h, 0, 3);
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
		this.frameLength = 0;
		this.frameWritten = 0;
		return checksum;
	}

	/**
	 * Write an End-of-Stream message (key {@code SEA_STREAMER_INTERNAL}, shard 0,
	 * sequence 0, payload {@code EOS}).
	 * @param timestampMs the timestamp
	 * @throws IOException if the channel fails
	 */
	public void writeEndOfStream(long timestampMs) throws IOException {
		write(new StreamShard(INTERNAL, 0), 0, timestampMs, EOS, 0, EOS.length);
	}

	private long room(long position) {
		return this.boundaries.room(position);
	}

	private void frameBytes(byte[] src, int from, int length) {
		int pos = from;
		int left = length;
		while (left > 0) {
			long room = room(this.offset);
			int chunk = (int) Math.min(room, left);
			raw(src, pos, chunk);
			pos += chunk;
			left -= chunk;
			this.frameWritten += chunk;
			if (room(this.offset) == this.interval) {
				writeBeacon(this.frameLength - this.frameWritten, chooseMarkers());
			}
		}
	}

	private List<Marker> chooseMarkers() {
		int entries = this.ordered.size();
		int m = Math.min(entries, this.numMarkers);
		if (m == 0) {
			return List.of();
		}
		List<Map.Entry<StreamShard, StreamState>> all = new ArrayList<>(this.ordered.entrySet());
		int start = (int) Long.remainderUnsigned(this.markerCount, entries);
		List<Marker> markers = new ArrayList<>(m);
		for (int i = 0; i < m; i++) {
			Map.Entry<StreamShard, StreamState> e = all.get((start + i) % entries);
			StreamState s = e.getValue();
			markers.add(new Marker(e.getKey().key(), e.getKey().shard(), s.sequence, s.timestampMs, s.runningChecksum));
		}
		return markers;
	}

	private void writeBeacon(long remaining, List<Marker> markers) {
		Beacon beacon = new Beacon(remaining, markers);
		byte[] b = new byte[beacon.size()];
		b[0] = 0x0D;
		Bytes.putInt(b, 1, (int) remaining);
		b[5] = (byte) markers.size();
		int at = 6;
		for (Marker marker : markers) {
			byte[] key = marker.key().name().getBytes(StandardCharsets.US_ASCII);
			b[at++] = (byte) key.length;
			System.arraycopy(key, 0, b, at, key.length);
			at += key.length;
			Bytes.putLong(b, at, marker.shard());
			Bytes.putLong(b, at + 8, marker.sequence());
			Bytes.putLong(b, at + 16, marker.timestampMs());
			b[at + 24] = (byte) (marker.runningChecksum() >>> 8);
			b[at + 25] = (byte) marker.runningChecksum();
			at += 26;
		}
		b[at] = 0x0D;
		this.markerCount += markers.size();
		raw(b, 0, b.length);
	}

	private void raw(byte[] src, int from, int length) {
		int pos = from;
		int left = length;
		while (left > 0) {
			if (this.buffered == this.capacity) {
				drain();
			}
			int chunk = Math.min(left, this.capacity - this.buffered);
			this.buffer.put(this.buffered, src, pos, chunk);
			this.buffered += chunk;
			pos += chunk;
			left -= chunk;
			this.offset += chunk;
		}
	}

	private void drain() {
		try {
			ByteBuffer bb = this.buffer;
			bb.limit(this.buffered).position(0);
			while (bb.hasRemaining()) {
				this.out.write(bb);
			}
			bb.clear();
			this.buffered = 0;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Hand every buffered byte to the channel.
	 * @throws IOException if the channel fails
	 */
	public void flush() throws IOException {
		try {
			drain();
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Give the write buffer back to the pool the next writer takes it from, once done
	 * with this writer (after a last {@link #flush()}); the writer must not be used
	 * afterwards. A writer never released is simply garbage collected.
	 */
	public void release() {
		if (!this.released) {
			this.released = true;
			DirectBuffers.give(this.buffer);
		}
	}

	/**
	 * The number of bytes buffered and not yet handed to the channel.
	 * @return bytes
	 */
	public int buffered() {
		return this.buffered;
	}

}
