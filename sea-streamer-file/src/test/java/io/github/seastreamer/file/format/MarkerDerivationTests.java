package io.github.seastreamer.file.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-derives every beacon's markers and {@code remaining_messages_bytes} from the frames
 * with a parser independent of {@link SsReader}: strip the header and the beacons at
 * every multiple of the interval, parse the frames from the remaining message byte
 * stream, and recompute.
 */
public class MarkerDerivationTests {

	static List<Path> fixtures() {
		return Fixtures.all();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1024, 2048, 4096, 640 })
	void generatedFilesCarryTheMarkersTheFramesImply(int interval) {
		byte[] data = SampleFiles.mixed(400, interval, interval);
		int beacons = derive(data);
		assertThat(beacons).isGreaterThan(5);
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void fixturesCarryTheMarkersTheFramesImply(Path ss) throws Exception {
		derive(Files.readAllBytes(ss));
	}

	@Test
	void aBeaconAfterEveryIntervalEvenInsideFrames() {
		byte[] data = SampleFiles.mixed(200, 1024, 3);
		for (int at = 1024; at < data.length; at += 1024) {
			assertThat(data[at]).as("start mark at %d", at).isEqualTo((byte) 0x0D);
		}
	}

	/** Returns the number of beacons checked. */
	public static int derive(byte[] data) {
		int interval = SsHeader.decode(data, data.length).beaconInterval();
		// strip beacons; remember for each the message-stream offset where it stood
		byte[] msg = new byte[data.length];
		int msgLen = 0;
		List<long[]> beaconAt = new ArrayList<>();
		List<Beacon> beacons = new ArrayList<>();
		int pos = SsHeader.SIZE;
		while (pos < data.length) {
			if (pos % interval == 0) {
				int p = pos + 1;
				long remaining = Bytes.getInt(data, p) & 0xFFFFFFFFL;
				int k = data[p + 4] & 0xFF;
				p += 5;
				List<Marker> markers = new ArrayList<>();
				for (int i = 0; i < k; i++) {
					int n = data[p] & 0xFF;
					String key = new String(data, p + 1, n, java.nio.charset.StandardCharsets.US_ASCII);
					markers.add(new Marker(io.github.seastreamer.StreamKey.of(key), Bytes.getLong(data, p + 1 + n),
							Bytes.getLong(data, p + 9 + n), Bytes.getLong(data, p + 17 + n),
							Bytes.getShort(data, p + 25 + n)));
					p += 27 + n;
				}
				assertThat(data[p]).isEqualTo((byte) 0x0D);
				beaconAt.add(new long[] { msgLen, remaining });
				beacons.add(new Beacon(remaining, markers));
				pos = p + 1;
				continue;
			}
			int chunk = Math.min(interval - pos % interval, data.length - pos);
			System.arraycopy(data, pos, msg, msgLen, chunk);
			msgLen += chunk;
			pos += chunk;
		}
		// frames in the message stream
		List<long[]> frames = new ArrayList<>(); // start, end, checksum
		List<StreamShard> keys = new ArrayList<>();
		List<long[]> fields = new ArrayList<>(); // seq, ts
		int p = 0;
		while (p < msgLen) {
			int n = msg[p] & 0xFF;
			String key = new String(msg, p + 1, n, java.nio.charset.StandardCharsets.US_ASCII);
			long shard = Bytes.getLong(msg, p + 1 + n);
			long seq = Bytes.getLong(msg, p + 9 + n);
			long ts = Bytes.getLong(msg, p + 17 + n);
			int size = Bytes.getInt(msg, p + 25 + n);
			int end = p + 32 + n + size;
			int crc = Bytes.getShort(msg, end - 3);
			assertThat(Crc16.of(msg, p + 29 + n, size)).isEqualTo(crc);
			frames.add(new long[] { p, end, crc });
			keys.add(new StreamShard(io.github.seastreamer.StreamKey.of(key), shard));
			fields.add(new long[] { seq, ts });
			p = end;
		}
		assertThat(p).isEqualTo(msgLen);
		for (int b = 0; b < beacons.size(); b++) {
			long at = beaconAt.get(b)[0];
			long expectedRemaining = 0;
			Map<StreamShard, long[]> state = new HashMap<>(); // seq, ts, crc
			for (int f = 0; f < frames.size(); f++) {
				long[] frame = frames.get(f);
				if (frame[0] >= at) {
					break;
				}
				if (frame[1] > at) {
					expectedRemaining = frame[1] - at;
				}
				long[] fv = fields.get(f);
				long[] s = state.computeIfAbsent(keys.get(f), (k) -> new long[] { fv[0], fv[1], Crc16.INIT });
				s[0] = Math.max(s[0], fv[0]);
				s[1] = Math.max(s[1], fv[1]);
				s[2] = Crc16.running((int) s[2], (int) frame[2]);
			}
			Beacon beacon = beacons.get(b);
			assertThat(beacon.remainingMessagesBytes()).as("remaining of beacon %d", b + 1)
				.isEqualTo(expectedRemaining);
			for (Marker marker : beacon.markers()) {
				long[] s = state.get(new StreamShard(marker.key(), marker.shard()));
				assertThat(s).as("state of %s at beacon %d", marker.key(), b + 1).isNotNull();
				assertThat(new long[] { marker.sequence(), marker.timestampMs(), marker.runningChecksum() })
					.as("marker %s at beacon %d", marker, b + 1)
					.containsExactly(s[0], s[1], s[2]);
			}
			int expectedCount = Math.min(state.size(), Beacon.numMarkers(interval));
			assertThat(beacon.markers()).as("markers of beacon %d", b + 1).hasSize(expectedCount);
		}
		return beacons.size();
	}

}
