package io.github.seastreamer.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFormatTests {

	private static final MessageHeader HEADER = new MessageHeader(StreamKey.of("hello"), ShardId.of(1), 20,
			Instant.parse("2023-08-10T16:49:14.890Z"));

	private static final byte[] BINARY = { 70, 55, (byte) 0xff, 0 };

	@Test
	void logLineIsTheSsDecodeLine() throws IOException {
		assertThat(print(OutputFormat.LOG, Message.of(HEADER, "message-1")))
			.isEqualTo("[2023-08-10T16:49:14.89 | hello | 20 | 1] message-1\n");
	}

	@Test
	void logLineOfABinaryPayloadSaysBinaryBlob() throws IOException {
		assertThat(print(OutputFormat.LOG, Message.of(HEADER, BINARY)))
			.isEqualTo("[2023-08-10T16:49:14.89 | hello | 20 | 1] <BINARY BLOB>\n");
	}

	@Test
	void logLineShowsAZeroFractionAsPointZero() throws IOException {
		MessageHeader header = new MessageHeader(StreamKey.of("a"), ShardId.ZERO, 0,
				Instant.parse("2022-01-01T00:00:00Z"));
		assertThat(print(OutputFormat.LOG, Message.of(header, "x")))
			.isEqualTo("[2022-01-01T00:00:00.0 | a | 0 | 0] x\n");
	}

	@Test
	void ndjsonOfAJsonPayloadReserializesItWithSortedKeys() throws IOException {
		assertThat(print(OutputFormat.NDJSON, Message.of(HEADER, "{ \"tick\": 3, \"a\": [1, 2.50] }"))).isEqualTo(
				"{\"header\":{\"stream_key\":\"hello\",\"shard_id\":1,\"sequence\":20,\"timestamp\":\"2023-08-10T16:49:14.89\"},"
						+ "\"payload\":{\"a\":[1,2.5],\"tick\":3}}\n");
	}

	@Test
	void ndjsonOfATextPayloadMakesItAJsonString() throws IOException {
		assertThat(print(OutputFormat.NDJSON, Message.of(HEADER, "a \"quoted\"\ttext")))
			.endsWith(",\"payload\":\"a \\\"quoted\\\"\\ttext\"}\n");
	}

	@Test
	void ndjsonOfABinaryPayloadIsTheArrayOfItsBytes() throws IOException {
		assertThat(print(OutputFormat.NDJSON, Message.of(HEADER, BINARY))).endsWith(",\"payload\":[70,55,255,0]}\n");
	}

	@Test
	void ndjsonOfAnEmptyPayloadIsAnEmptyString() throws IOException {
		assertThat(print(OutputFormat.NDJSON, Message.of(HEADER, new byte[0]))).endsWith(",\"payload\":\"\"}\n");
	}

	@Test
	void payloadFormatPrintsTheBytesAlone() throws IOException {
		assertThat(print(OutputFormat.PAYLOAD, Message.of(HEADER, "{ \"tick\": 0 }"))).isEqualTo("{ \"tick\": 0 }\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputFormat.PAYLOAD.write(Message.of(HEADER, BINARY), out);
		assertThat(out.toByteArray()).containsExactly(70, 55, 0xff, 0, '\n');
	}

	@Test
	void aPayloadViewIsPrintedWithoutTheBytesAroundIt() throws IOException {
		byte[] buffer = "xxhelloyy".getBytes(StandardCharsets.UTF_8);
		assertThat(print(OutputFormat.PAYLOAD, Message.of(HEADER, buffer, 2, 5))).isEqualTo("hello\n");
	}

	private static String print(OutputFormat format, Message message) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		format.write(message, out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
