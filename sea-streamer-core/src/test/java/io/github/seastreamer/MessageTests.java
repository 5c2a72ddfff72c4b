package io.github.seastreamer;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Messages: zero-copy payload views, copies, and UTF-8 decoding with clear errors.
 */
class MessageTests {

	private static final MessageHeader HEADER = new MessageHeader(StreamKey.of("s"), ShardId.ZERO, 1,
			Instant.parse("2024-01-01T00:00:00Z"));

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	@Test
	void payloadIsAReadOnlyViewOfTheRangeWithoutCopy() {
		byte[] buffer = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
		Message message = Message.of(HEADER, buffer, 2, 5);
		ByteBuffer payload = message.payload();
		assertThat(payload.position()).isZero();
		assertThat(payload.remaining()).isEqualTo(5);
		assertThat(payload.isReadOnly()).isTrue();
		assertThat(payload.get(0)).isEqualTo((byte) 'h');
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> payload.put(0, (byte) 'j'));
		buffer[2] = 'j';
		assertThat(message.payloadAsString()).as("a view, not a copy").isEqualTo("jello");
		assertThat(message.payloadSize()).isEqualTo(5);
	}

	@Test
	void payloadBytesAndCopyToAreCopiesOfTheRange() {
		byte[] buffer = "xxhelloyy".getBytes(StandardCharsets.US_ASCII);
		Message message = Message.of(HEADER, buffer, 2, 5);
		byte[] copy = message.payloadBytes();
		assertThat(copy).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
		copy[0] = 'j';
		assertThat(message.payloadAsString()).isEqualTo("hello");
		byte[] target = new byte[7];
		message.copyPayloadTo(target, 1);
		assertThat(new String(target, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
	}

	@Test
	void rangeOutsideTheArrayIsRejected() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Message.of(HEADER, new byte[4], 2, 3));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Message.of(HEADER, new byte[4], -1, 1));
	}

	@Test
	void textPayloadIsUtf8() {
		Message message = Message.of(HEADER, "grüße 🚀");
		assertThat(message.payloadBytes()).isEqualTo("grüße 🚀".getBytes(StandardCharsets.UTF_8));
		assertThat(message.payloadAsString()).isEqualTo("grüße 🚀");
		assertThat(message.isUtf8()).isTrue();
		assertThat(message.streamKey()).isEqualTo(HEADER.streamKey());
		assertThat(message.sequence()).isEqualTo(1);
	}

	@Test
	void invalidUtf8FailsWithAnErrorNamingTheMessage() {
		Message message = Message.of(HEADER, bytes('a', 0xC3, 0x28));
		assertThat(message.isUtf8()).isFalse();
		assertThatExceptionOfType(PayloadEncodingException.class).isThrownBy(message::payloadAsString)
			.withMessageContaining("Utf8Error")
			.withMessageContaining("not valid UTF-8")
			.withMessageContaining(HEADER.toString())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UTF8));
	}

	@Test
	void utf8CheckRejectsOverlongsSurrogatesOutOfRangeAndTruncatedSequences() {
		assertThat(Utf8.isValid(bytes(0xC0, 0x80), 0, 2)).as("overlong NUL").isFalse();
		assertThat(Utf8.isValid(bytes(0xE0, 0x80, 0x80), 0, 3)).as("overlong 3-byte").isFalse();
		assertThat(Utf8.isValid(bytes(0xED, 0xA0, 0x80), 0, 3)).as("surrogate").isFalse();
		assertThat(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80), 0, 4)).as("above U+10FFFF").isFalse();
		assertThat(Utf8.isValid(bytes(0xE2, 0x82), 0, 2)).as("truncated").isFalse();
		assertThat(Utf8.isValid(bytes(0x80), 0, 1)).as("lone continuation").isFalse();
		assertThat(Utf8.isValid(bytes(0xF0, 0x9F, 0x9A, 0x80), 0, 4)).as("rocket").isTrue();
		assertThat(Utf8.isValid(bytes(0xE2, 0x82, 0xAC), 0, 3)).as("euro").isTrue();
		assertThat(Utf8.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF), 0, 4)).as("U+10FFFF").isTrue();
		assertThat(Utf8.isValid(bytes('x', 0xE2, 0x82, 0xAC, 'y'), 1, 3)).as("range").isTrue();
		assertThat(Utf8.isValid(bytes('x', 0xE2, 0x82, 0xAC, 'y'), 1, 2)).as("range cut").isFalse();
	}

	@Test
	void equalityComparesHeaderAndPayloadBytesNotArrays() {
		Message a = Message.of(HEADER, "xhello".getBytes(StandardCharsets.US_ASCII), 1, 5);
		Message b = Message.of(HEADER, "hello".getBytes(StandardCharsets.US_ASCII));
		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a).isNotEqualTo(Message.of(HEADER, "hellO"));
		assertThat(a).hasToString(HEADER + " (5 bytes)");
	}

}
