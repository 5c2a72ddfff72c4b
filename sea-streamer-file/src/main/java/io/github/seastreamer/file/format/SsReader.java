package io.github.seastreamer.file.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.seastreamer.StreamKey;
import org.jspecify.annotations.Nullable;

/**
 * Reads the frames of a {@code .ss} file in order, stepping over the beacons spliced
 * between and inside them, and verifies everything the format lets it verify: each
 * frame's CRC and terminator, each beacon's marks and {@code remaining_messages_bytes},
 * and each marker's sequence, timestamp and running checksum against the frames read (the
 * Rust reader checks only the frame CRC).
 *
 * <p>
 * {@link #next()} returns {@code null} when the data ends inside a record and leaves the
 * reader where it was, so a reader of a growing file calls it again later. Damage raises
 * {@link SsFormatException} naming the file offset; {@link #skipToNextBeacon(long)} then
 * resynchronises at the next intact beacon. Positioning uses beacons only:
 * {@link #alignAt(long)}, {@link #rewindEnd()} and the bisection of
 * {@link #seek(Predicate, Predicate, Predicate)} never scan the whole file.
 *
 * <p>
 * The reader does not own its source. Not thread-safe: one reader thread.
 */
public final class SsReader {

	private static final int ARENA = 256 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private @Nullable Predicate<StreamKey> interest;

	private final SsSource source;

	private final SsHeader header;

	private final int interval;

	private long offset;

	private byte[] buf = new byte[256 * 1024];

	private long bufStart;

	/** Whether a frame returned points into {@link #buf}, so it must not change. */
	private boolean bufShared;

	private int bufLen;

	private long limit = Long.MAX_VALUE;

	private int readAhead = Integer.MAX_VALUE;

	private final Map<StreamShard, StreamState> states = new HashMap<>();

	private boolean fromStart;

	private boolean verifyMarkers = true;

	private boolean deferChecksums;

	private boolean lastSkipped;

	private long lastBeaconIndex;

	private @Nullable Beacon lastBeacon;

	private byte[] arena = EMPTY;

	private int arenaPos;

	private final Map<String, StreamKey> keys = new HashMap<>();

	private final byte[] scratch = new byte[300];

	private final byte[] lastKeyBytes = new byte[256];

	private int lastKeyLength = -1;

	private @Nullable StreamKey lastKey;

	private @Nullable StreamKey cachedKey;

	private long cachedShard;

	private @Nullable StreamState cachedState;

	private final BeaconBoundaries boundaries;

	private long cur;

	private long frameConsumed;

	private final List<Pending> pending = new ArrayList<>();

	private SsReader(SsSource source, SsHeader header) {
		this.source = source;
		this.header = header;
		this.interval = header.beaconInterval();
		this.boundaries = new BeaconBoundaries(this.interval);
	}

	/**
	 * Open a reader: read and check the header, and stand before the first frame.
	 * @param source the bytes
	 * @return the reader
	 * @throws SsFormatException if the data is not a {@code .ss} file or is shorter than
	 * a header ({@link SsFormatException#isTruncated()})
	 * @throws IOException on a read failure
	 */
	public static SsReader open(SsSource source) throws IOException {
		byte[] head = new byte[SsHeader.SIZE];
		int n = 0;
		while (n < head.length) {
			int r = source.read(n, head, n, head.length - n);
			if (r <= 0) {
				break;
			}
			n += r;
		}
		SsReader reader = new SsReader(source, SsHeader.decode(head, n));
		reader.rewindBeginning();
		return reader;
	}

	/**
	 * The file's header.
	 * @return the header
	 */
	public SsHeader header() {
		return this.header;
	}

	/**
	 * The file offset of the next record.
	 * @return the offset
	 */
	public long position() {
		return this.offset;
	}

	/**
	 * Read no byte at or beyond this offset (as if the data ended there).
	 * @param limit the offset
	 */
	public void limit(long limit) {
		this.limit = limit;
		this.bufLen = (int) Math.max(0, Math.min(this.bufLen, limit - this.bufStart));
	}

	/**
	 * Only frames of these streams are of interest: the payloads of others are stepped
	 * over without being copied or checksummed, and returned empty (their headers and the
	 * beacons are still checked). End-of-Stream frames are always read.
	 * @param interest which stream keys to read, or {@code null} for all
	 */
	public void interest(@Nullable Predicate<StreamKey> interest) {
		this.interest = (interest == null) ? null
				: (k) -> interest.test(k) || k.name().equals(StreamKey.SEA_STREAMER_INTERNAL);
	}

	/**
	 * Whether markers are checked against the frames (on by default). Files appended by
	 * the Rust writer restart running checksums at the append point (spec §6.2), which
	 * this check reports as damage.
	 * @param verify whether to check
	 */
	public void verifyMarkers(boolean verify) {
		this.verifyMarkers = verify;
	}

	/**
	 * Whether {@link #next()} leaves the payload checksum of the frames it returns to the
	 * caller (off by default): the caller must then call {@link SsFrame#verify()} on
	 * every frame for which {@link #lastSkipped()} was {@code false}, so that the
	 * checksums may be computed on other threads. Everything else is still checked.
	 * @param defer whether to leave the payload checksums to the caller
	 */
	public void deferChecksums(boolean defer) {
		this.deferChecksums = defer;
	}

	/**
	 * Whether the frame {@link #next()} returned last was stepped over as of no interest
	 * (its payload neither read nor checked, see {@link #interest}).
	 * @return {@code true} if it was
	 */
	public boolean lastSkipped() {
		return this.lastSkipped;
	}

	/**
	 * The index of the beacon read most recently (0 for none since the last rewind).
	 * @return the index
	 */
	public long lastBeaconIndex() {
		return this.lastBeaconIndex;
	}

	/**
	 * The beacon read most recently, if any since the last rewind.
	 * @return the beacon
	 */
	public @Nullable Beacon lastBeacon() {
		return this.lastBeacon;
	}

	/**
	 * The current size of the data.
	 * @return bytes
	 * @throws IOException on failure
	 */
	public long size() throws IOException {
		return Math.min(this.limit, this.source.size());
	}

	/**
	 * The state of a stream as verified so far, if known.
	 * @param stream the stream and shard
	 * @return the state or {@code null}
	 */
	public @Nullable StreamState state(StreamShard stream) {
		StreamState state = this.states.get(stream);
		return (state != null) ? state.copy() : null;
	}

	/**
	 * The states of all streams known so far (copies).
	 * @return the states
	 */
	public Map<StreamShard, StreamState> states() {
		Map<StreamShard, StreamState> copy = new HashMap<>();
		this.states.forEach((k, v) -> copy.put(k, v.copy()));
		return copy;
	}

	/**
	 * Whether the states cover every stream since the header (reading started at the
	 * first frame without skipping).
	 * @return {@code true} if complete
	 */
	public boolean statesComplete() {
		return this.fromStart;
	}

	/**
	 * Go to the first frame.
	 * @return 0, the beacon index of the start
	 * @throws IOException on a read failure
	 */
	public long rewindBeginning() throws IOException {
		this.states.clear();
		this.cachedKey = null;
		this.fromStart = true;
		this.lastBeacon = null;
		this.lastBeaconIndex = 0;
		this.offset = SsHeader.SIZE;
		if (SsHeader.SIZE % this.interval == 0) {
			// interval 128: the empty beacon right after the header; a frame of
			// verification state still starts here
			Beacon beacon = parseBeacon(SsHeader.SIZE);
			if (beacon != null) {
				this.offset = SsHeader.SIZE + beacon.size();
			}
		}
		return 0;
	}

	/**
	 * Go to the first frame boundary at or after beacon {@code n} (spec §8.2), using the
	 * beacon's {@code remaining_messages_bytes} to skip the rest of a cut frame.
	 * Verification continues from the beacon's markers.
	 * @param n the beacon index, at least 1
	 * @return {@code n}
	 * @throws SsFormatException if the beacon is damaged, or missing
	 * ({@link SsFormatException#isTruncated()})
	 * @throws IOException on a read failure
	 */
	public long alignAt(long n) throws IOException {
		if (n <= 0) {
			return rewindBeginning();
		}
		long at = n * this.interval;
		Beacon beacon = null;
		long index = n;
		while (at % this.interval == 0) {
			Beacon b = parseBeacon(at);
			if (b == null) {
				throw new SsFormatException(at,
						"no complete beacon at offset {offset} (the data ends at " + size() + ")", true, null);
			}
			index = at / this.interval;
			beacon = b;
			long skip = Math.min(b.remainingMessagesBytes(), this.interval - b.size());
			at += b.size() + skip;
		}
		this.states.clear();
		this.cachedKey = null;
		this.fromStart = false;
		for (Marker marker : beacon.markers()) {
			this.states.put(new StreamShard(marker.key(), marker.shard()),
					new StreamState(marker.sequence(), marker.timestampMs(), marker.runningChecksum()));
			this.cachedKey = null;
		}
		this.lastBeacon = beacon;
		this.lastBeaconIndex = index;
		this.offset = at;
		return n;
	}

	/**
	 * Go just after the last complete frame (spec §8.2 {@code End}): align at the last
	 * beacon and read forward.
	 * @return the beacon index the reader is in
	 * @throws IOException on a read failure
	 * @throws SsFormatException if a frame in the last interval is damaged
	 */
	public long rewindEnd() throws IOException {
		long known = size();
		long n = known / this.interval;
		while (true) {
			if (n <= 0) {
				rewindBeginning();
				break;
			}
			try {
				alignAt(n);
				break;
			}
			catch (SsFormatException ex) {
				if (!ex.isTruncated()) {
					throw ex;
				}
				n--;
			}
		}
		while (next() != null) {
			// read forward to the last complete frame
		}
		return this.offset / this.interval;
	}

	/**
	 * Resynchronise after damage: go to the first intact beacon after the damaged offset.
	 * Verification restarts from that beacon's markers.
	 * @param damagedOffset where the damage was found
	 * @return {@code true} if positioned, {@code false} if no beacon follows yet (the
	 * reader is then left at the next beacon position, as if the data ended there)
	 * @throws IOException on a read failure
	 */
	public boolean skipToNextBeacon(long damagedOffset) throws IOException {
		long n = Math.max(damagedOffset, this.offset) / this.interval + 1;
		while (true) {
			if (n * this.interval >= size()) {
				this.states.clear();
				this.cachedKey = null;
				this.fromStart = false;
				this.offset = n * this.interval;
				return false;
			}
			try {
				alignAt(n);
				return true;
			}
			catch (SsFormatException ex) {
				if (ex.isTruncated()) {
					this.states.clear();
					this.cachedKey = null;
					this.fromStart = false;
					this.offset = n * this.interval;
					return false;
				}
				n++;
			}
		}
	}

	/**
	 * Resynchronise after damage found in a frame already returned (a payload checksum
	 * checked by the caller, see {@link #deferChecksums}): like
	 * {@link #skipToNextBeacon(long)} from that frame, wherever the reader went since.
	 * @param frameOffset the offset of the damaged frame
	 * @return {@code true} if positioned, {@code false} if no beacon follows yet
	 * @throws IOException on a read failure
	 */
	public boolean skipToNextBeaconAfterFrame(long frameOffset) throws IOException {
		this.offset = Math.min(this.offset, frameOffset);
		return skipToNextBeacon(frameOffset);
	}

	/**
	 * Read the beacon with the given index without moving.
	 * @param n the beacon index, at least 1
	 * @return the beacon, or {@code null} if not (completely) there
	 * @throws SsFormatException if it is damaged
	 * @throws IOException on a read failure
	 */
	public @Nullable Beacon beaconAt(long n) throws IOException {
		// a probe reads a few KiB, not a whole buffer
		this.readAhead = 8192;
		try {
			return parseBeacon(n * this.interval);
		}
		finally {
			this.readAhead = Integer.MAX_VALUE;
		}
	}

	/**
	 * Position the reader at the first frame matching a target, finding where to start by
	 * bisection over the beacons (spec §8.3; unlike the Rust code the final linear phase
	 * only considers the wanted streams).
	 * @param wanted which markers and frames concern the seek
	 * @param markerLeft whether a wanted marker lies before the target
	 * @param frameMatches whether a wanted frame is the target
	 * @return the first matching frame (already consumed), or {@code null} if none is in
	 * the file (the reader is then back where it was)
	 * @throws IOException on a read failure
	 * @throws SsFormatException if damage is met (the reader is back where it was)
	 */
	public @Nullable SsFrame seek(Predicate<StreamShard> wanted, Predicate<Marker> markerLeft,
			Predicate<SsFrame> frameMatches) throws IOException {
		return seek(wanted, markerLeft, frameMatches, 0);
	}

	/**
	 * Like {@link #seek(Predicate, Predicate, Predicate)}, knowing that no wanted frame
	 * lies before an offset (so that the linear phase need not start before it when the
	 * beacons carry no wanted marker).
	 * @param wanted which markers and frames concern the seek
	 * @param markerLeft whether a wanted marker lies before the target
	 * @param frameMatches whether a wanted frame is the target
	 * @param noneBefore an offset before which no wanted frame starts (0 if unknown)
	 * @return the first matching frame (already consumed), or {@code null} if none is in
	 * the file (the reader is then back where it was)
	 * @throws IOException on a read failure
	 * @throws SsFormatException if damage is met (the reader is back where it was)
	 */
	public @Nullable SsFrame seek(Predicate<StreamShard> wanted, Predicate<Marker> markerLeft,
			Predicate<SsFrame> frameMatches, long noneBefore) throws IOException {
		long savedOffset = this.offset;
		Map<StreamShard, StreamState> savedStates = states();
		boolean savedFromStart = this.fromStart;
		Beacon savedBeacon = this.lastBeacon;
		long savedIndex = this.lastBeaconIndex;
		try {
			long known = Math.min(Math.max(0, noneBefore), size()) / this.interval;
			alignAt(Math.max(known, leftBeacon(wanted, markerLeft, known)));
			while (true) {
				SsFrame frame = next();
				if (frame == null) {
					break;
				}
				if (wanted.test(new StreamShard(frame.key(), frame.shard())) && frameMatches.test(frame)) {
					return frame;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			restore(savedOffset, savedStates, savedFromStart, savedBeacon, savedIndex);
			throw ex;
		}
		restore(savedOffset, savedStates, savedFromStart, savedBeacon, savedIndex);
		return null;
	}

	/**
	 * The last beacon before a target, found by bisection (spec §8.3), without moving.
	 * @param wanted which markers concern the target
	 * @param markerLeft whether a wanted marker lies before the target
	 * @return the beacon index (0 for the start of the file)
	 * @throws IOException on a read failure
	 */
	public long leftBeacon(Predicate<StreamShard> wanted, Predicate<Marker> markerLeft) throws IOException {
		return leftBeacon(wanted, markerLeft, 0);
	}

	/**
	 * Like {@link #leftBeacon(Predicate, Predicate)}, knowing that no wanted frame starts
	 * before beacon {@code from}: the beacons up to it are not read (they would carry no
	 * wanted marker, and a bisection probes every such undecided beacon).
	 * @param wanted which markers concern the target
	 * @param markerLeft whether a wanted marker lies before the target
	 * @param from a beacon index before which no wanted frame starts (0 if unknown)
	 * @return the beacon index (0 for the start of the file)
	 * @throws IOException on a read failure
	 */
	public long leftBeacon(Predicate<StreamShard> wanted, Predicate<Marker> markerLeft, long from) throws IOException {
		long max = size() / this.interval;
		long[] bounds = Surveyor.survey(max, (j) -> {
			if (j <= from) {
				return Surveyor.Direction.LEFT;
			}
			Beacon beacon = beaconAt(j);
			if (beacon == null) {
				return Surveyor.Direction.UNDECIDED;
			}
			boolean any = false;
			for (Marker marker : beacon.markers()) {
				if (wanted.test(new StreamShard(marker.key(), marker.shard()))) {
					if (!markerLeft.test(marker)) {
						return Surveyor.Direction.RIGHT;
					}
					any = true;
				}
			}
			return any ? Surveyor.Direction.LEFT : Surveyor.Direction.UNDECIDED;
		});
		return bounds[0];
	}

	private void restore(long savedOffset, Map<StreamShard, StreamState> savedStates, boolean savedFromStart,
			@Nullable Beacon savedBeacon, long savedIndex) {
		this.offset = savedOffset;
		this.states.clear();
		this.cachedKey = null;
		this.states.putAll(savedStates);
		this.cachedKey = null;
		this.fromStart = savedFromStart;
		this.lastBeacon = savedBeacon;
		this.lastBeaconIndex = savedIndex;
	}

	/**
	 * Read the next frame.
	 * @return the frame, or {@code null} if the data ends inside it (nothing is consumed)
	 * @throws SsFormatException if the bytes are damaged (nothing is consumed)
	 * @throws IOException on a read failure
	 */
	public @Nullable SsFrame next() throws IOException {
		this.cur = this.offset;
		this.frameConsumed = 0;
		if (!this.pending.isEmpty()) {
			this.pending.clear();
		}
		SsFrame frame = bufferedFrame();
		return (frame != null) ? frame : readFrame();
	}

	/**
	 * The common case: a whole frame in the read buffer with no beacon before or inside
	 * it, parsed in place with one copy of the payload. Returns {@code null} without side
	 * effects when that is not the case (or on damage), for {@link #readFrame()}.
	 */
	private @Nullable SsFrame bufferedFrame() {
		long start = this.cur;
		long room = room(start);
		long end = this.bufStart + this.bufLen;
		if (room == this.interval || start < this.bufStart || start + 30 > end) {
			return null;
		}
		byte[] b = this.buf;
		int i = (int) (start - this.bufStart);
		int n = b[i] & 0xFF;
		if (start + 29 + n > end) {
			return null;
		}
		long size = Bytes.getInt(b, i + 25 + n) & 0xFFFFFFFFL;
		long frameLength = 32L + n + size;
		if (frameLength > room || start + frameLength > end) {
			return null;
		}
		int len = (int) size;
		int trailer = i + 29 + n + len;
		if ((b[trailer + 2] & 0xFF) != 0x0D) {
			return null;
		}
		StreamKey key = key(b, i + 1, n, start);
		long shard = Bytes.getLong(b, i + 1 + n);
		long seq = Bytes.getLong(b, i + 9 + n);
		long ts = Bytes.getLong(b, i + 17 + n);
		int stored = Bytes.getShort(b, trailer);
		boolean skip = this.interest != null && !this.interest.test(key);
		byte[] data;
		int payloadAt;
		if (skip) {
			data = EMPTY;
			payloadAt = 0;
		}
		else {
			// the frame keeps the read buffer: fill() never writes to it again
			data = b;
			payloadAt = i + 29 + n;
			if (!this.deferChecksums && Crc16.of(b, payloadAt, len) != stored) {
				return null;
			}
			this.bufShared = true;
		}
		track(key, shard, seq, ts, stored);
		this.lastSkipped = skip;
		long frameEnd = start + frameLength;
		this.cur = frameEnd;
		this.offset = frameEnd;
		return new SsFrame(key, shard, seq, ts, data, payloadAt, skip ? 0 : len, stored, start, frameEnd);
	}

	private @Nullable SsFrame readFrame() throws IOException {
		long frameStart = this.cur;
		byte[] h = this.scratch;
		if (!take(h, 0, 1)) {
			return null;
		}
		for (int pi = 0; pi < this.pending.size(); pi++) {
			Pending p = this.pending.get(pi);
			if (p.consumedBefore == 0) {
				// beacons before the first byte lie before the frame
				frameStart = p.end;
			}
		}
		int n = h[0] & 0xFF;
		if (!take(h, 1, n + 28)) {
			return null;
		}
		StreamKey key = key(h, 1, n, frameStart);
		long shard = Bytes.getLong(h, 1 + n);
		long seq = Bytes.getLong(h, 9 + n);
		long ts = Bytes.getLong(h, 17 + n);
		long size = Bytes.getInt(h, 25 + n) & 0xFFFFFFFFL;
		long frameLength = 32L + n + size;
		for (int pi = 0; pi < this.pending.size(); pi++) {
			Pending p = this.pending.get(pi);
			checkRemaining(p, frameLength, frameStart);
		}
		if (size > Integer.MAX_VALUE - 16) {
			throw new SsFormatException(frameStart, "frame at offset {offset} of " + describe(key, shard, seq)
					+ " declares a payload of " + size + " bytes, more than this reader can hold");
		}
		boolean buffered = this.cur + size + 3 <= this.bufStart + this.bufLen && this.cur >= this.bufStart;
		if (!buffered && size > size() - this.cur) {
			// cannot be complete yet; before waiting, check the next beacon agrees
			long boundary = (this.cur / this.interval + 1) * this.interval;
			if (boundary + Beacon.EMPTY_SIZE <= size() && boundary < this.cur + size) {
				Beacon b = parseBeacon(boundary);
				if (b != null) {
					long consumed = this.frameConsumed + (boundary - this.cur);
					checkRemaining(new Pending(boundary, b, consumed, boundary + b.size()), frameLength, frameStart);
				}
			}
			return null;
		}
		int len = (int) size;
		boolean skip = this.interest != null && !this.interest.test(key);
		byte[] data;
		int payloadAt;
		int pendingBefore = this.pending.size();
		if (skip) {
			// a frame nobody wants: step over its payload without copying or checking it
			data = EMPTY;
			payloadAt = 0;
			if (!take(null, 0, len)) {
				return null;
			}
		}
		else {
			if (this.arena.length - this.arenaPos < len) {
				this.arena = new byte[Math.max(ARENA, len)];
				this.arenaPos = 0;
			}
			data = this.arena;
			payloadAt = this.arenaPos;
			if (!take(data, payloadAt, len)) {
				return null;
			}
		}
		for (int i = pendingBefore; i < this.pending.size(); i++) {
			checkRemaining(this.pending.get(i), frameLength, frameStart);
		}
		int pendingBeforeTrailer = this.pending.size();
		if (!take(h, 0, 3)) {
			return null;
		}
		for (int i = pendingBeforeTrailer; i < this.pending.size(); i++) {
			checkRemaining(this.pending.get(i), frameLength, frameStart);
		}
		int stored = Bytes.getShort(h, 0);
		if ((h[2] & 0xFF) != 0x0D) {
			throw new SsFormatException(frameStart,
					"frame at offset {offset} of " + describe(key, shard, seq) + ": terminator is 0x"
							+ String.format("%02X", h[2] & 0xFF) + ", expected 0x0D (damaged size or bytes)");
		}
		int computed = (skip || this.deferChecksums) ? stored : Crc16.of(data, payloadAt, len);
		if (computed != stored) {
			throw new SsFormatException(frameStart,
					"checksum mismatch at offset {offset}: frame of " + describe(key, shard, seq) + ": received 0x"
							+ String.format("%04X", stored) + ", computed 0x" + String.format("%04X", computed));
		}
		// markers of beacons met before the first byte describe the state before this
		// frame;
		// those met inside it include it (the writer updates its state first)
		for (int pi = 0; pi < this.pending.size(); pi++) {
			Pending p = this.pending.get(pi);
			if (p.consumedBefore == 0) {
				checkMarkers(p);
			}
		}
		track(key, shard, seq, ts, stored);
		for (int pi = 0; pi < this.pending.size(); pi++) {
			Pending p = this.pending.get(pi);
			if (p.consumedBefore > 0) {
				checkMarkers(p);
			}
		}
		if (!this.pending.isEmpty()) {
			Pending last = this.pending.get(this.pending.size() - 1);
			this.lastBeacon = last.beacon;
			this.lastBeaconIndex = last.offset / this.interval;
		}
		if (!skip) {
			this.arenaPos = payloadAt + len;
		}
		this.lastSkipped = skip;
		this.offset = this.cur;
		return new SsFrame(key, shard, seq, ts, data, payloadAt, skip ? 0 : len, stored, frameStart, this.cur);
	}

	/**
	 * The state of a stream, remembering the last one looked up, also when there is none
	 * (a stream that started after the beacon the reader aligned at): runs of frames of
	 * one stream cost no map lookup. Every change of {@link #states} forgets it.
	 */
	/**
	 * Apply a frame to its stream's running state (sequence, time, checksum); a stream
	 * first met when reading from the start of the file starts its state there.
	 */
	private void track(StreamKey key, long shard, long seq, long ts, int stored) {
		StreamState state = stateOf(key, shard);
		if (state == null && this.fromStart) {
			state = new StreamState(seq, ts, Crc16.INIT);
			this.states.put(new StreamShard(key, shard), state);
			this.cachedKey = null;
		}
		if (state != null) {
			state.apply(seq, ts, stored);
		}
	}

	private @Nullable StreamState stateOf(StreamKey key, long shard) {
		if (key == this.cachedKey && shard == this.cachedShard) {
			return this.cachedState;
		}
		StreamState state = this.states.get(new StreamShard(key, shard));
		this.cachedKey = key;
		this.cachedShard = shard;
		this.cachedState = state;
		return state;
	}

	private void checkRemaining(Pending p, long frameLength, long frameStart) {
		long expected = (p.consumedBefore == 0) ? 0 : frameLength - p.consumedBefore;
		if (p.beacon.remainingMessagesBytes() != expected) {
			throw new SsFormatException(p.offset,
					"beacon at offset {offset} says remaining_messages_bytes " + p.beacon.remainingMessagesBytes()
							+ ", but the frame at offset " + frameStart + " has " + expected + " bytes left there");
		}
	}

	private void checkMarkers(Pending p) {
		for (Marker marker : p.beacon.markers()) {
			StreamShard stream = new StreamShard(marker.key(), marker.shard());
			StreamState state = this.states.get(stream);
			if (state == null) {
				if (this.fromStart && this.verifyMarkers) {
					throw new SsFormatException(p.offset, "beacon at offset {offset} has a marker for " + stream
							+ ", but no frame of that stream precedes it");
				}
				this.states.put(stream,
						new StreamState(marker.sequence(), marker.timestampMs(), marker.runningChecksum()));
				this.cachedKey = null;
				continue;
			}
			if (this.verifyMarkers && (state.sequence != marker.sequence() || state.timestampMs != marker.timestampMs()
					|| state.runningChecksum != marker.runningChecksum())) {
				throw new SsFormatException(p.offset,
						"beacon at offset {offset}: marker for " + stream + " says seq "
								+ Long.toUnsignedString(marker.sequence()) + ", timestamp " + marker.timestampMs()
								+ " ms, running checksum " + marker.runningChecksum() + "; the frames give seq "
								+ Long.toUnsignedString(state.sequence) + ", timestamp " + state.timestampMs
								+ " ms, running checksum " + state.runningChecksum);
			}
		}
	}

	private static String describe(StreamKey key, long shard, long seq) {
		return "`" + key.name() + "`/" + Long.toUnsignedString(shard) + " seq " + Long.toUnsignedString(seq);
	}

	private StreamKey key(byte[] h, int from, int n, long frameStart) {
		StreamKey last = this.lastKey;
		if (last != null && n == this.lastKeyLength && Arrays.equals(h, from, from + n, this.lastKeyBytes, 0, n)) {
			// runs of frames of one stream: no string per frame
			return last;
		}
		StreamKey key = lookupKey(h, from, n, frameStart);
		System.arraycopy(h, from, this.lastKeyBytes, 0, n);
		this.lastKeyLength = n;
		this.lastKey = key;
		return key;
	}

	private StreamKey lookupKey(byte[] h, int from, int n, long frameStart) {
		String name = new String(h, from, n, StandardCharsets.ISO_8859_1);
		StreamKey key = this.keys.get(name);
		if (key == null) {
			if (!StreamKey.isValid(name)) {
				throw new SsFormatException(frameStart, "frame at offset {offset}: stream key of " + n
						+ " bytes is not a valid stream key ([A-Za-z0-9._-], 1..249)");
			}
			key = StreamKey.of(name);
			if (this.keys.size() < 10_000) {
				this.keys.put(name, key);
			}
		}
		return key;
	}

	private long room(long position) {
		return this.boundaries.room(position);
	}

	private boolean take(byte @Nullable [] dst, int dstOffset, int length) throws IOException {
		int at = dstOffset;
		int left = length;
		do {
			if (room(this.cur) == this.interval) {
				Beacon beacon = parseBeacon(this.cur);
				if (beacon == null) {
					return false;
				}
				this.pending.add(new Pending(this.cur, beacon, this.frameConsumed, this.cur + beacon.size()));
				this.cur += beacon.size();
			}
			if (left == 0) {
				return true;
			}
			int chunk = (int) Math.min(left, room(this.cur));
			int i = fill(this.cur, chunk);
			if (i < 0) {
				return false;
			}
			if (dst != null) {
				System.arraycopy(this.buf, i, dst, at, chunk);
			}
			this.cur += chunk;
			at += chunk;
			left -= chunk;
			this.frameConsumed += chunk;
		}
		while (left > 0);
		return true;
	}

	private @Nullable Beacon parseBeacon(long at) throws IOException {
		int i = fill(at, 6);
		if (i < 0) {
			return null;
		}
		long room = this.interval - at % this.interval;
		if ((this.buf[i] & 0xFF) != 0x0D) {
			throw new SsFormatException(at, "beacon at offset {offset}: start mark is 0x"
					+ String.format("%02X", this.buf[i] & 0xFF) + ", expected 0x0D");
		}
		long remaining = Bytes.getInt(this.buf, i + 1) & 0xFFFFFFFFL;
		int k = this.buf[i + 5] & 0xFF;
		long p = at + 6;
		List<Marker> markers = new ArrayList<>(k);
		for (int m = 0; m < k; m++) {
			i = fill(p, 1);
			if (i < 0) {
				return null;
			}
			int n = this.buf[i] & 0xFF;
			if (p + 27 + n + 1 - at > room) {
				throw new SsFormatException(at, "beacon at offset {offset} with " + k
						+ " markers overruns the next beacon position (damaged marker count or key length)");
			}
			i = fill(p, 27 + n);
			if (i < 0) {
				return null;
			}
			String name = new String(this.buf, i + 1, n, StandardCharsets.ISO_8859_1);
			if (!StreamKey.isValid(name)) {
				throw new SsFormatException(at, "beacon at offset {offset}: marker " + (m + 1)
						+ " has an invalid stream key at offset " + (p + 1));
			}
			markers.add(new Marker(StreamKey.of(name), Bytes.getLong(this.buf, i + 1 + n),
					Bytes.getLong(this.buf, i + 9 + n), Bytes.getLong(this.buf, i + 17 + n),
					Bytes.getShort(this.buf, i + 25 + n)));
			p += 27 + n;
		}
		if (p + 1 - at > room) {
			throw new SsFormatException(at, "beacon at offset {offset} overruns the next beacon position");
		}
		i = fill(p, 1);
		if (i < 0) {
			return null;
		}
		if ((this.buf[i] & 0xFF) != 0x0D) {
			throw new SsFormatException(at, "beacon at offset {offset}: end mark at offset " + p + " is 0x"
					+ String.format("%02X", this.buf[i] & 0xFF) + ", expected 0x0D");
		}
		return new Beacon(remaining, markers);
	}

	private int fill(long pos, int n) throws IOException {
		if (pos >= this.bufStart && pos + n <= this.bufStart + this.bufLen) {
			return (int) (pos - this.bufStart);
		}
		if (pos + n > this.limit) {
			return -1;
		}
		if (n > this.buf.length) {
			if (pos + n > this.source.size()) {
				return -1;
			}
			byte[] bigger = new byte[Math.max(n, this.buf.length * 2)];
			this.buf = bigger;
			this.bufShared = false;
			this.bufStart = pos;
			this.bufLen = 0;
		}
		int keep = 0;
		int keepFrom = 0;
		if (pos >= this.bufStart && pos < this.bufStart + this.bufLen) {
			keep = (int) (this.bufStart + this.bufLen - pos);
			keepFrom = (int) (pos - this.bufStart);
		}
		if (this.bufShared) {
			// frames handed out point into the buffer: read into a new one
			byte[] fresh = new byte[this.buf.length];
			System.arraycopy(this.buf, keepFrom, fresh, 0, keep);
			this.buf = fresh;
			this.bufShared = false;
		}
		else if (keep > 0) {
			System.arraycopy(this.buf, keepFrom, this.buf, 0, keep);
		}
		this.bufStart = pos;
		this.bufLen = keep;
		while (this.bufLen < n) {
			long want = Math.min(Math.min(this.buf.length - this.bufLen, Math.max(n - this.bufLen, this.readAhead)),
					this.limit - (this.bufStart + this.bufLen));
			if (want <= 0) {
				break;
			}
			int r = this.source.read(this.bufStart + this.bufLen, this.buf, this.bufLen, (int) want);
			if (r <= 0) {
				break;
			}
			this.bufLen += r;
		}
		return (this.bufLen >= n) ? 0 : -1;
	}

	/**
	 * Forget cached bytes, so that the next read sees the source as it is now.
	 */
	public void invalidate() {
		this.bufLen = 0;
	}

	private record Pending(long offset, Beacon beacon, long consumedBefore, long end) {

	}

}
