package io.github.seastreamer.file.tools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.github.seastreamer.file.format.SampleFiles;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damages a generated file (single-byte flips at 1 200 positions, truncations at 300
 * lengths) and checks that readers deliver only intact messages, end with an error that
 * names the offset, never throw anything else, and that {@link SsVerify} reports the
 * damage.
 */
class CorruptionTests {

	private static byte[] original;

	private static List<Frame> frames;

	private static final java.util.Map<String, Frame> byId = new java.util.HashMap<>();

	@BeforeAll
	static void generate() throws IOException {
		original = SampleFiles.mixed(600, 1024, 42);
		frames = new ArrayList<>();
		SsReader reader = SsReader.open(SsSource.of(original));
		SsFrame f;
		while ((f = reader.next()) != null) {
			frames.add(new Frame(f));
		}
		frames.forEach((frame) -> byId.put(frame.id(), frame));
		assertThat(frames).hasSize(601);
		assertThat(original.length).isGreaterThan(100_000);
	}

	record Frame(String id, byte[] payload, long offset, long end, int keyLength) {

		Frame(SsFrame f) {
			this(f.key().name() + "/" + f.shard() + "/" + f.sequence() + "/" + f.timestampMs(), f.payloadBytes(),
					f.offset(), f.endOffset(), f.key().name().length());
		}

		boolean contains(long p) {
			return p >= this.offset && p < this.end;
		}

		/** Whether p is a frame-header byte that no checksum covers (shard, seq, ts). */
		boolean inUncoveredHeaderField(long p, int interval) {
			// map p back to a frame-relative offset, stepping over beacons is not needed
			// for
			// header fields unless a beacon splits the header; be conservative
			long rel = p - this.offset;
			return rel >= 1 + this.keyLength && rel < 25 + this.keyLength && (this.offset / interval == p / interval);
		}

	}

	private static Frame containing(long p) {
		for (Frame frame : frames) {
			if (frame.contains(p)) {
				return frame;
			}
		}
		return null;
	}

	private record Outcome(List<Frame> delivered, SsFormatException error, boolean truncated) {

	}

	private static Outcome read(byte[] data, boolean skip) throws IOException {
		List<Frame> delivered = new ArrayList<>();
		SsReader reader = SsReader.open(SsSource.of(data));
		SsFormatException firstError = null;
		for (int guard = 0; guard < 10_000; guard++) {
			SsFrame f;
			try {
				f = reader.next();
			}
			catch (SsFormatException ex) {
				if (firstError == null) {
					firstError = ex;
				}
				if (!skip) {
					return new Outcome(delivered, ex, false);
				}
				reader.skipToNextBeacon(ex.offset());
				continue;
			}
			if (f == null) {
				boolean truncated = reader.size() > reader.position();
				return new Outcome(delivered, firstError, truncated);
			}
			delivered.add(new Frame(f));
			if (f.isEndOfStream()) {
				return new Outcome(delivered, firstError, false);
			}
		}
		throw new AssertionError("reader did not finish within 10 000 steps");
	}

	@Test
	void singleByteFlipsNeverDeliverADamagedPayloadAndAreReported() throws IOException {
		Random random = new Random(7);
		int interval = 1024;
		int positions = 0;
		int reported = 0;
		int uncovered = 0;
		for (int i = 0; i < 1200; i++) {
			int p = SsHeader.SIZE + (int) ((long) i * (original.length - SsHeader.SIZE) / 1200) + random.nextInt(40);
			if (p >= original.length) {
				continue;
			}
			positions++;
			byte[] data = original.clone();
			data[p] ^= (byte) (1 + random.nextInt(255));
			Frame hit = containing(p);
			Outcome fail = read(data, false);
			for (Frame frame : fail.delivered()) {
				Frame same = byId(frame.id());
				if (same != null && frame.offset() == same.offset()) {
					assertThat(frame.payload()).as("payload of %s after a flip at %d", frame.id(), p)
						.isEqualTo(same.payload());
				}
				else {
					assertThat(hit).as("a frame not in the original after a flip at %d", p).isNotNull();
					assertThat(frame.offset()).isEqualTo(hit.offset());
					assertThat(frame.payload()).isEqualTo(hit.payload());
				}
			}
			boolean headerOnly = hit != null && hit.inUncoveredHeaderField(p, interval);
			if (fail.error() != null) {
				assertThat(fail.error().getMessage()).contains("offset");
				// every message before the damage was delivered
				long before = frames.stream().filter((f) -> f.end() <= Math.min(p, fail.error().offset())).count();
				assertThat((long) fail.delivered().size()).as("intact messages before a flip at %d", p)
					.isGreaterThanOrEqualTo(before);
			}
			else if (!headerOnly) {
				// an undetected flip elsewhere must have left the messages identical
				assertThat(fail.delivered().stream().map(Frame::id).toList()).as("flip at %d", p)
					.isEqualTo(frames.stream().map(Frame::id).toList());
			}
			Outcome skip = read(data, true);
			for (Frame frame : skip.delivered()) {
				Frame same = byId(frame.id());
				if (same != null && same.offset() == frame.offset()) {
					assertThat(frame.payload()).isEqualTo(same.payload());
				}
			}
			if (fail.error() != null) {
				long resume = Math.max(p, fail.error().offset()) + 2L * interval;
				long after = frames.stream().filter((f) -> f.offset() > resume).count();
				long deliveredAfter = skip.delivered().stream().filter((f) -> f.offset() > resume).count();
				assertThat(deliveredAfter).as("messages after the damage at %d with skip-to-next-beacon", p)
					.isEqualTo(after);
			}
			SsVerify.Report report = SsVerify.run(SsSource.of(data), null);
			if (!report.isClean()) {
				reported++;
				assertThat(report.damages().get(0).problem()).isNotBlank();
			}
			else {
				assertThat(fail.error()).as("verify missed what the reader found at %d", p).isNull();
				if (headerOnly) {
					uncovered++;
				}
				else {
					assertThat(fail.delivered().stream().map(Frame::id).toList()).as("verify missed a flip at %d", p)
						.isEqualTo(frames.stream().map(Frame::id).toList());
				}
			}
		}
		assertThat(positions).isGreaterThanOrEqualTo(1000);
		assertThat(reported + uncovered).isGreaterThanOrEqualTo(positions * 95 / 100);
	}

	private static Frame byId(String id) {
		return byId.get(id);
	}

	@Test
	void truncationsDeliverEveryCompleteMessageAndReportTheTornTail() throws IOException {
		Random random = new Random(11);
		for (int i = 0; i < 300; i++) {
			int length = SsHeader.SIZE + random.nextInt(original.length - SsHeader.SIZE);
			byte[] data = Arrays.copyOf(original, length);
			Outcome outcome = read(data, false);
			assertThat(outcome.error()).as("truncated at %d", length).isNull();
			List<String> expected = frames.stream().filter((f) -> f.end() <= length).map(Frame::id).toList();
			assertThat(outcome.delivered().stream().map(Frame::id).toList()).as("truncated at %d", length)
				.isEqualTo(expected);
			SsVerify.Report report = SsVerify.run(SsSource.of(data), null);
			boolean atFrameEnd = frames.stream().anyMatch((f) -> f.end() == length);
			if (atFrameEnd) {
				assertThat(report.isClean()).isTrue();
			}
			else {
				assertThat(report.damages()).singleElement()
					.satisfies((d) -> assertThat(d.problem()).contains("truncated"))
					.satisfies((d) -> assertThat(d.offset() + d.length()).isEqualTo(length));
			}
		}
	}

	@Test
	void repairWritesEveryIntactMessageToACleanFile() throws IOException {
		byte[] data = original.clone();
		int p = original.length / 2;
		data[p] ^= 0x40;
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		SsVerify.Report report = SsVerify.run(SsSource.of(data), java.nio.channels.Channels.newChannel(out));
		assertThat(report.damages()).isNotEmpty();
		byte[] repaired = out.toByteArray();
		SsVerify.Report again = SsVerify.run(SsSource.of(repaired), null);
		assertThat(again.isClean()).isTrue();
		assertThat(again.intactMessages()).isEqualTo(report.intactMessages());
		assertThat(again.endOfStream()).isTrue();
		Outcome skip = read(data, true);
		Outcome clean = read(repaired, false);
		assertThat(clean.delivered().stream().map(Frame::id).toList())
			.isEqualTo(skip.delivered().stream().map(Frame::id).toList());
	}

}
