package io.github.seastreamer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.github.seastreamer.Message;
import io.github.seastreamer.spi.Json;

/**
 * How {@code consume} prints a message: one line each.
 *
 * <ul>
 * <li>{@code log}: {@code [TIMESTAMP | key | seq | shard] payload}, the line of ss-decode
 * (file-format.md §13), {@code <BINARY BLOB>} for a payload that is not UTF-8;
 * <li>{@code ndjson}:
 * {@code {"header":{"stream_key":…,"shard_id":…,"sequence":…,"timestamp":"…"},"payload":P}}
 * where P is the payload re-serialized compactly with sorted keys if it is JSON, else the
 * payload as a JSON string if it is UTF-8, else the array of its byte values;
 * <li>{@code payload}: the payload bytes alone.
 * </ul>
 *
 * <p>
 * Stateless and thread-safe; the output stream is the caller's to buffer and flush.
 */
enum OutputFormat {

	/** {@code [TIMESTAMP | key | seq | shard] payload}. */
	LOG {
		@Override
		void write(Message message, OutputStream out) throws IOException {
			out.write(message.header().toString().getBytes(StandardCharsets.US_ASCII));
			out.write(' ');
			if (message.isUtf8()) {
				out.write(message.payloadBytes());
			}
			else {
				out.write(BINARY_BLOB);
			}
			out.write('\n');
		}
	},

	/** One JSON object per line. */
	NDJSON {
		@Override
		void write(Message message, OutputStream out) throws IOException {
			out.write(ndjson(message).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
		}
	},

	/** The payload alone. */
	PAYLOAD {
		@Override
		void write(Message message, OutputStream out) throws IOException {
			out.write(message.payloadBytes());
			out.write('\n');
		}
	};

	private static final byte[] BINARY_BLOB = "<BINARY BLOB>".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Write one message as one line.
	 * @param message the message
	 * @param out where to write
	 * @throws IOException if writing fails
	 */
	abstract void write(Message message, OutputStream out) throws IOException;

	/**
	 * The NDJSON object of a message, without the line break.
	 * @param message the message
	 * @return the JSON text
	 */
	static String ndjson(Message message) {
		StringBuilder out = new StringBuilder(64 + 2 * message.payloadSize());
		out.append("{\"header\":").append(message.header().toJson()).append(",\"payload\":");
		appendPayload(out, message);
		return out.append('}').toString();
	}

	private static void appendPayload(StringBuilder out, Message message) {
		byte[] bytes = message.payloadBytes();
		Json.writePayload(out, bytes, 0, bytes.length);
	}

}
