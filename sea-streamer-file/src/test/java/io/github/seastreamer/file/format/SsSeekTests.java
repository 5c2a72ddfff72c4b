package io.github.seastreamer.file.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

import io.github.seastreamer.StreamKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream {@code source} test (spec §8.3): ten messages of {@code hello}/0, seq 1 to
 * 10, timestamps start+1 to start+10 ms, interval 640; once with tiny payloads (no
 * beacon) and once padded so that 5 beacons are written.
 */
class SsSeekTests {

	private static final long START = 1_700_000_000_000L;

	private static final StreamShard HELLO = new StreamShard(StreamKey.of("hello"), 0);

	private static byte[] file(int padding) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), new SsHeader("source", START, 640), 4096);
		for (int i = 1; i <= 10; i++) {
			byte[] payload = (i + " " + "x".repeat(padding)).getBytes(StandardCharsets.US_ASCII);
			writer.write(HELLO, i, START + i, payload, 0, payload.length);
		}
		writer.flush();
		return out.toByteArray();
	}

	private static Long seekSeq(SsReader reader, long n) throws IOException {
		SsFrame frame = reader.seek(HELLO::equals, (m) -> Long.compareUnsigned(m.sequence(), n) < 0,
				(f) -> Long.compareUnsigned(f.sequence(), n) >= 0);
		return (frame != null) ? frame.sequence() : null;
	}

	private static Long seekTime(SsReader reader, long t) throws IOException {
		SsFrame frame = reader.seek(HELLO::equals, (m) -> m.timestampMs() <= t, (f) -> f.timestampMs() > t);
		return (frame != null) ? frame.sequence() : null;
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 260 })
	void seekFindsTheFirstMessageAtOrAfterTheTarget(int padding) throws IOException {
		byte[] data = file(padding);
		SsReader reader = SsReader.open(SsSource.of(data));
		assertThat(data.length / 640).isEqualTo((padding == 0) ? 0 : 5);
		assertThat(seekSeq(reader, 0)).isEqualTo(1);
		assertThat(seekSeq(reader, 1)).isEqualTo(1);
		assertThat(seekSeq(reader, 5)).isEqualTo(5);
		assertThat(reader.next().sequence()).isEqualTo(6);
		assertThat(seekSeq(reader, 10)).isEqualTo(10);
		assertThat(seekSeq(reader, 11)).isNull();
		assertThat(seekTime(reader, START)).isEqualTo(1);
		assertThat(seekTime(reader, START + 5)).isEqualTo(6);
		assertThat(seekTime(reader, START + 10)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 260 })
	void aSeekThatFindsNothingLeavesTheReaderWhereItWas(int padding) throws IOException {
		SsReader reader = SsReader.open(SsSource.of(file(padding)));
		assertThat(reader.next().sequence()).isEqualTo(1);
		assertThat(seekSeq(reader, 99)).isNull();
		assertThat(reader.next().sequence()).isEqualTo(2);
	}

}
