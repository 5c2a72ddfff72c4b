package io.github.seastreamer.file.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import io.github.seastreamer.Timestamps;
import io.github.seastreamer.Utf8;
import io.github.seastreamer.file.format.Beacon;
import io.github.seastreamer.file.format.SsFrame;
import io.github.seastreamer.file.format.SsReader;
import io.github.seastreamer.file.format.SsSource;
import io.github.seastreamer.spi.Json;

/**
 * Prints a {@code .ss} file as the Rust {@code ss-decode} does (spec §13): {@code log}
 * lines ({@code [timestamp | key | seq | shard] payload}, header and beacons as {@code #}
 * comments) or {@code ndjson} (payloads as JSON values, header and beacons as
 * {@code /* … *}{@code /} comments).
 *
 * <p>
 * Reads the file as a replay: from the first frame to an End-of-Stream message or the end
 * of the data. Blocking; the caller owns the output stream. Damage raises
 * {@link io.github.seastreamer.file.format.SsFormatException} after everything before it
 * was printed.
 */
public final class SsDecode {

	private SsDecode() {
	}

	/**
	 * The output format.
	 */
	public enum Format {

		/** One text line per message. */
		LOG,

		/** One JSON object per message. */
		NDJSON

	}

	/**
	 * How a decode ended.
	 *
	 * @param messages how many messages were printed
	 * @param endOfStream whether an End-of-Stream message ended it
	 * @param trailingBytes bytes after the last complete frame that do not form one (a
	 * truncated tail), 0 for a clean end
	 */
	public record Result(long messages, boolean endOfStream, long trailingBytes) {

	}

	/**
	 * Decode a file.
	 * @param file the {@code .ss} file
	 * @param out where to print (UTF-8)
	 * @param format the format
	 * @param headerOnly whether to leave payloads out
	 * @return how it ended
	 * @throws IOException on a read or write failure
	 */
	public static Result decode(Path file, OutputStream out, Format format, boolean headerOnly) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return decode(SsSource.of(channel), out, format, headerOnly);
		}
	}

	/**
	 * Decode from a source.
	 * @param source the bytes
	 * @param out where to print (UTF-8)
	 * @param format the format
	 * @param headerOnly whether to leave payloads out
	 * @return how it ended
	 * @throws IOException on a read or write failure
	 */
	public static Result decode(SsSource source, OutputStream out, Format format, boolean headerOnly)
			throws IOException {
		SsReader reader = SsReader.open(source);
		boolean ndjson = format == Format.NDJSON;
		StringBuilder line = new StringBuilder(256);
		comment(line, reader.header().toJson(), ndjson);
		out.write(line.toString().getBytes(StandardCharsets.UTF_8));
		long printedBeacon = 0;
		long messages = 0;
		try {
			while (true) {
				SsFrame frame = reader.next();
				if (frame == null) {
					long trailing = reader.size() - reader.position();
					return new Result(messages, false, Math.max(0, trailing));
				}
				messages++;
				line.setLength(0);
				if (ndjson) {
					line.append("{\"header\":")
						.append(headerJson(frame))
						.append(",\"payload\":")
						.append(headerOnly ? "null" : payloadJson(frame))
						.append("}\n");
					out.write(line.toString().getBytes(StandardCharsets.UTF_8));
				}
				else {
					line.append('[')
						.append(Timestamps.format(Instant.ofEpochMilli(frame.timestampMs())))
						.append(" | ")
						.append(frame.key().name())
						.append(" | ")
						.append(Long.toUnsignedString(frame.sequence()))
						.append(" | ")
						.append(Long.toUnsignedString(frame.shard()))
						.append(']');
					out.write(line.toString().getBytes(StandardCharsets.UTF_8));
					if (!headerOnly) {
						if (Utf8.isValid(frame.data(), frame.payloadOffset(), frame.payloadLength())) {
							out.write(' ');
							out.write(frame.data(), frame.payloadOffset(), frame.payloadLength());
						}
						else {
							out.write(" <BINARY BLOB>".getBytes(StandardCharsets.US_ASCII));
						}
					}
					out.write('\n');
				}
				Beacon beacon = reader.lastBeacon();
				if (beacon != null && reader.lastBeaconIndex() != printedBeacon) {
					printedBeacon = reader.lastBeaconIndex();
					line.setLength(0);
					comment(line, beacon.markersJson(), ndjson);
					out.write(line.toString().getBytes(StandardCharsets.UTF_8));
				}
				if (frame.isEndOfStream()) {
					return new Result(messages, true, 0);
				}
			}
		}
		finally {
			out.flush();
		}
	}

	private static void comment(StringBuilder line, String json, boolean ndjson) {
		line.append(ndjson ? "/* " : "# ").append(json).append(ndjson ? " */\n" : "\n");
	}

	static String headerJson(SsFrame frame) {
		StringBuilder out = new StringBuilder(128);
		out.append("{\"stream_key\":\"")
			.append(frame.key().name())
			.append("\",\"shard_id\":")
			.append(Long.toUnsignedString(frame.shard()))
			.append(",\"sequence\":")
			.append(Long.toUnsignedString(frame.sequence()))
			.append(",\"timestamp\":\"")
			.append(Timestamps.format(Instant.ofEpochMilli(frame.timestampMs())))
			.append("\"}");
		return out.toString();
	}

	static String payloadJson(SsFrame frame) {
		return payloadJson(frame.data(), frame.payloadOffset(), frame.payloadLength());
	}

	static String payloadJson(byte[] data, int offset, int length) {
		StringBuilder out = new StringBuilder(length + 16);
		Json.writePayload(out, data, offset, length);
		return out.toString();
	}

}
