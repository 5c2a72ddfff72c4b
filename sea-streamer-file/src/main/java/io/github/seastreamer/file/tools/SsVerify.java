package io.github.seastreamer.file.tools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.file.format.SsWriter;
import io.github.seastreamer.file.format.StreamShard;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code .ss} file end to end and lists every damaged region (offset, length,
 * what is wrong); optionally writes a clean copy holding every intact message.
 *
 * <p>
 * Besides what every reader verifies (frame CRC and terminator, beacon marks,
 * {@code remaining_messages_bytes}, marker sequence, timestamp and running checksum),
 * verify reports a sequence number that does not increase within a stream and shard: the
 * format's checksums cover payloads only, so a damaged header field is otherwise found
 * only when a later beacon's marker contradicts it. After damage, reading resumes at the
 * next intact beacon; the bytes in between are one damaged region.
 *
 * <p>
 * Blocking; the caller owns sources and channels.
 */
public final class SsVerify {

	private SsVerify() {
	}

	/**
	 * One damaged region.
	 *
	 * @param offset the file offset where it starts
	 * @param length how many bytes it spans (to the next intact record)
	 * @param problem what is wrong
	 */
	public record Damage(long offset, long length, String problem) {

		@Override
		public String toString() {
			return "offset " + this.offset + ", " + this.length + " bytes: " + this.problem;
		}

	}

	/**
	 * The outcome of a verification.
	 *
	 * @param header the file's header
	 * @param intactMessages how many messages were read intact
	 * @param damages the damaged regions in file order
	 * @param endOfStream whether the last intact message is an End-of-Stream
	 */
	public record Report(SsHeader header, long intactMessages, List<Damage> damages, boolean endOfStream) {

		/**
		 * Whether nothing is damaged.
		 * @return {@code true} for a clean file
		 */
		public boolean isClean() {
			return this.damages.isEmpty();
		}

	}

	/**
	 * Verify a file.
	 * @param file the file
	 * @return the report
	 * @throws IOException on a read failure
	 * @throws SsFormatException if the file is not a {@code .ss} file at all
	 */
	public static Report verify(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return run(SsSource.of(channel), null);
		}
	}

	/**
	 * Verify a file and write every intact message to a new file, in order, with the same
	 * header (a trailing End-of-Stream is kept, others dropped).
	 * @param file the damaged file
	 * @param output where to write the clean file (created or truncated)
	 * @return the report of the damaged file
	 * @throws IOException on a read or write failure
	 */
	public static Report repair(Path file, Path output) throws IOException {
		try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
			Report report = run(SsSource.of(in), out);
			out.force(true);
			return report;
		}
	}

	/**
	 * Verify bytes from a source, optionally writing the intact messages.
	 * @param source the bytes
	 * @param repairTo where to write a clean file, or {@code null}
	 * @return the report
	 * @throws IOException on a read or write failure
	 */
	public static Report run(SsSource source, @Nullable WritableByteChannel repairTo) throws IOException {
		SsReader reader = SsReader.open(source);
		SsWriter writer = (repairTo != null) ? SsWriter.create(repairTo, reader.header(), 1024 * 1024) : null;
		List<Damage> damages = new ArrayList<>();
		Map<StreamShard, Long> lastSeq = new HashMap<>();
		long intact = 0;
		SsFrame pendingEos = null;
		boolean endOfStream = false;
		while (true) {
			SsFrame frame;
			long at = reader.position();
			try {
				frame = reader.next();
			}
			catch (SsFormatException ex) {
				long start = Math.min(at, (ex.offset() >= 0) ? ex.offset() : at);
				reader.skipToNextBeacon(ex.offset());
				long end = Math.min(Math.max(reader.position(), start), reader.size());
				damages.add(new Damage(start, end - start, ex.problem()));
				lastSeq.clear();
				if (end >= reader.size()) {
					break;
				}
				continue;
			}
			if (frame == null) {
				long trailing = reader.size() - reader.position();
				if (trailing > 0) {
					damages.add(new Damage(reader.position(), trailing, "truncated: the last " + trailing
							+ " bytes do not form a complete frame (a torn write, or the file was cut)"));
				}
				break;
			}
			StreamShard stream = new StreamShard(frame.key(), frame.shard());
			Long previous = frame.isEndOfStream() ? null : lastSeq.put(stream, frame.sequence());
			if (previous != null && Long.compareUnsigned(frame.sequence(), previous) <= 0) {
				damages.add(new Damage(frame.offset(), frame.endOffset() - frame.offset(),
						"frame at offset " + frame.offset() + " of " + stream + " has sequence "
								+ Long.toUnsignedString(frame.sequence()) + " after " + Long.toUnsignedString(previous)
								+ " (damaged header or out-of-order writer)"));
			}
			intact++;
			endOfStream = frame.isEndOfStream();
			if (writer != null) {
				if (pendingEos != null) {
					pendingEos = null;
				}
				if (frame.isEndOfStream()) {
					pendingEos = frame;
				}
				else {
					writer.write(stream, frame.sequence(), frame.timestampMs(), frame.data(), frame.payloadOffset(),
							frame.payloadLength());
				}
			}
		}
		if (writer != null) {
			if (pendingEos != null) {
				writer.writeEndOfStream(pendingEos.timestampMs());
			}
			writer.flush();
		}
		return new Report(reader.header(), intact, List.copyOf(damages), endOfStream);
	}

}
