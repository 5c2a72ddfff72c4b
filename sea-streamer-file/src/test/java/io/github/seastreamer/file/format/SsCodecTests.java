package io.github.seastreamer.file.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.seastreamer.StreamKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsCodecTests {

	static List<Path> fixtures() {
		return Fixtures.all();
	}

	static List<SsFrame> readAll(SsSource source) throws IOException {
		SsReader reader = SsReader.open(source);
		List<SsFrame> frames = new ArrayList<>();
		SsFrame frame;
		while ((frame = reader.next()) != null) {
			frames.add(frame);
			if (frame.isEndOfStream()) {
				break;
			}
		}
		return frames;
	}

	static String describe(SsFrame f) {
		return f.key().name() + "/" + f.shard() + "/" + f.sequence() + "/" + f.timestampMs() + "/" + f.checksum() + "@"
				+ f.offset() + "-" + f.endOffset() + ":" + Arrays.toString(f.payloadBytes());
	}

	static List<String> describeAll(List<SsFrame> frames) {
		return frames.stream().map(SsCodecTests::describe).toList();
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void framesMatchTheFixtureListing(Path ss) throws IOException {
		byte[] data = Files.readAllBytes(ss);
		List<SsFrame> frames = readAll(SsSource.of(data));
		List<String> lines = Files.readAllLines(Fixtures.companion(ss, ".ndjson"));
		assertThat(frames).hasSize(lines.size());
		for (int i = 0; i < frames.size(); i++) {
			SsFrame f = frames.get(i);
			String line = lines.get(i);
			assertThat(line).contains("\"stream_key\":\"" + f.key().name() + "\"")
				.contains("\"sequence\":" + f.sequence() + ",")
				.contains("\"shard_id\":" + f.shard() + ",")
				.contains("\"timestamp_ms\":" + f.timestampMs() + ",")
				.contains("\"checksum\":" + f.checksum() + ",")
				.contains("\"frame_offset\":" + f.offset() + ",")
				.contains("\"frame_end\":" + f.endOffset());
		}
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void readingOneByteAtATimeGivesTheSameFrames(Path ss) throws IOException {
		byte[] data = Files.readAllBytes(ss);
		List<String> whole = describeAll(readAll(SsSource.of(data)));
		assertThat(describeAll(readAll(SsSource.of(data, data.length, 1)))).isEqualTo(whole);
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void dataSplitAtEveryBoundaryGivesTheSameFrames(Path ss) throws IOException {
		byte[] data = Files.readAllBytes(ss);
		List<String> whole = describeAll(readAll(SsSource.of(data)));
		int step = Math.max(1, data.length / 400);
		for (int split = SsHeader.SIZE; split < data.length; split += step) {
			Growing source = new Growing(data, split);
			SsReader reader = SsReader.open(source);
			List<SsFrame> frames = new ArrayList<>();
			SsFrame frame;
			while ((frame = reader.next()) != null) {
				frames.add(frame);
			}
			assertThat(describeAll(frames)).isEqualTo(whole.subList(0, frames.size()));
			source.visible = data.length;
			while ((frame = reader.next()) != null) {
				frames.add(frame);
				if (frame.isEndOfStream()) {
					break;
				}
			}
			assertThat(describeAll(frames)).as("split at %d", split).isEqualTo(whole);
		}
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void rewritingTheFramesReproducesTheFileByteForByte(Path ss) throws IOException {
		byte[] data = Files.readAllBytes(ss);
		SsReader reader = SsReader.open(SsSource.of(data));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), reader.header(), 4096);
		for (SsFrame f : readAll(SsSource.of(data))) {
			writer.write(new StreamShard(f.key(), f.shard()), f.sequence(), f.timestampMs(), f.data(),
					f.payloadOffset(), f.payloadLength());
		}
		writer.flush();
		assertThat(out.toByteArray()).isEqualTo(data);
	}

	@Test
	void writingSpecExampleTwoGivesItsBytes() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), new SsHeader("a.ss", 1685973353001L, 1048576),
				1024);
		byte[] payload = "message-1".getBytes(StandardCharsets.US_ASCII);
		writer.write(new StreamShard(StreamKey.of("hello"), 0), 1, 1685973353001L, payload, 0, payload.length);
		writer.writeEndOfStream(1685973354000L);
		writer.flush();
		assertThat(out.toByteArray())
			.isEqualTo(Files.readAllBytes(Fixtures.dir().resolve("spec-examples/example-2-message-and-eos.ss")));
	}

	@Test
	void writingSpecExampleFourSplicesTheFrameAroundTheBeacon() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), new SsHeader("b", 1685973353001L, 1024), 4096);
		byte[] payload = new byte[900];
		Arrays.fill(payload, (byte) 'A');
		writer.write(new StreamShard(StreamKey.of("k"), 0), 1, 1685973353001L, payload, 0, payload.length);
		writer.flush();
		byte[] bytes = out.toByteArray();
		assertThat(bytes).hasSize(1096)
			.isEqualTo(Files.readAllBytes(Fixtures.dir().resolve("spec-examples/example-4-spliced-by-beacon.ss")));
		SsReader reader = SsReader.open(SsSource.of(bytes));
		assertThat(reader.alignAt(1)).isEqualTo(1);
		assertThat(reader.position()).isEqualTo(1096);
	}

	@Test
	void headerIsExactly128BytesAndLongNamesAreCutToFit() {
		SsHeader header = new SsHeader("x".repeat(200), 0, 1024);
		assertThat(header.fileName()).hasSize(111);
		byte[] bytes = header.encode();
		assertThat(bytes).hasSize(128);
		assertThat(bytes[127]).isEqualTo((byte) 0x0D);
		assertThat(SsHeader.decode(bytes, 128)).isEqualTo(header);
		assertThat(new SsHeader("é".repeat(60), 0, 1024).fileName()).hasSize(55);
	}

	@Test
	void timestampsBefore1970AreRefusedWithAClearError() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), new SsHeader("a", 0, 1024), 4096);
		assertThatThrownBy(() -> writer.write(new StreamShard(StreamKey.of("k"), 0), 1, -1, new byte[0], 0, 0))
			.isInstanceOf(SsFormatException.class)
			.hasMessageContaining("before 1970");
		assertThatThrownBy(() -> new SsHeader("a", -5, 1024)).hasMessageContaining("before 1970");
	}

	@Test
	void aFileThatIsNotSsIsRefusedAtOpen() {
		byte[] text = "hello world, this is a plain text file".getBytes(StandardCharsets.US_ASCII);
		assertThatThrownBy(() -> SsReader.open(SsSource.of(text))).isInstanceOf(SsFormatException.class)
			.hasMessageContaining("not a .ss file");
		byte[] shortSs = Arrays.copyOf(new SsHeader("a", 0, 1024).encode(), 50);
		assertThatThrownBy(() -> SsReader.open(SsSource.of(shortSs))).isInstanceOf(SsFormatException.class)
			.hasMessageContaining("truncated header")
			.matches((e) -> ((SsFormatException) e).isTruncated());
	}

	@Test
	void beaconCountsMatchSpecExamples() {
		assertThat(Beacon.numMarkers(640)).isEqualTo(1);
		assertThat(Beacon.numMarkers(1024)).isEqualTo(1);
		assertThat(Beacon.numMarkers(1048576)).isEqualTo(127);
		assertThat(Beacon.numMarkers(570)).isZero();
	}

	@Test
	void consumerFixtureRewindsByBeaconAsTheTypeScriptTestExpects() throws IOException {
		byte[] data = Files.readAllBytes(Fixtures.dir().resolve("rust-written/consumer.ss"));
		SsReader reader = SsReader.open(SsSource.of(data));
		assertThat(reader.alignAt(1)).isEqualTo(1);
		assertThat(text(reader.next())).isEqualTo("hello-21");
		assertThat(reader.lastBeacon().markers().get(0))
			.isEqualTo(new Marker(StreamKey.of("hello"), 1, 20, 1691686154773L, 2887));
		assertThat(reader.alignAt(4)).isEqualTo(4);
		assertThat(text(reader.next())).isEqualTo("hello-86");
		assertThat(reader.rewindBeginning()).isZero();
		assertThat(text(reader.next())).isEqualTo("hello-0");
	}

	static String text(SsFrame frame) {
		return new String(frame.data(), frame.payloadOffset(), frame.payloadLength(), StandardCharsets.UTF_8);
	}

	static final class Growing implements SsSource {

		final byte[] data;

		int visible;

		Growing(byte[] data, int visible) {
			this.data = data;
			this.visible = visible;
		}

		@Override
		public int read(long position, byte[] dst, int offset, int length) {
			if (position >= this.visible) {
				return -1;
			}
			int n = (int) Math.min(length, this.visible - position);
			System.arraycopy(this.data, (int) position, dst, offset, n);
			return n;
		}

		@Override
		public long size() {
			return this.visible;
		}

	}

	@Test
	void writerTakingAReleasedBufferWritesTheSameBytes() throws IOException {
		byte[] first = writeWithOneMebibyteBuffer("first-stream", 'x');
		byte[] second = writeWithOneMebibyteBuffer("first-stream", 'x');
		byte[] other = writeWithOneMebibyteBuffer("s", 'y');
		assertThat(second).isEqualTo(first);
		assertThat(other).hasSizeLessThan(first.length);
		SsReader reader = SsReader.open(SsSource.of(other));
		int frames = 0;
		SsFrame frame;
		while ((frame = reader.next()) != null) {
			assertThat(new String(frame.payloadBytes(), StandardCharsets.US_ASCII)).isEqualTo("y".repeat(300));
			frames++;
		}
		assertThat(frames).isEqualTo(5000);
	}

	private static byte[] writeWithOneMebibyteBuffer(String key, char fill) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsWriter writer = SsWriter.create(Channels.newChannel(out), new SsHeader("pool.ss", 1685973353001L, 1024),
				1024 * 1024);
		StreamShard stream = new StreamShard(StreamKey.of(key), 0);
		byte[] payload = String.valueOf(fill).repeat(300).getBytes(StandardCharsets.US_ASCII);
		for (int i = 1; i <= 5000; i++) {
			writer.write(stream, i, 1685973353001L + i, payload, 0, payload.length);
		}
		writer.flush();
		writer.release();
		return out.toByteArray();
	}

}
