package io.github.seastreamer.spring.core;

import java.lang.reflect.Type;

import io.github.seastreamer.Message;

/**
 * Converts between message payloads and Java objects: {@code String} as UTF-8,
 * {@code byte[]} and {@code ByteBuffer} as is, anything else as JSON when Jackson is
 * present.
 * <p>
 * Implementations are thread-safe; conversion failures throw
 * {@link io.github.seastreamer.PayloadEncodingException} naming the message and the type.
 */
public interface PayloadConverter {

	/**
	 * Whether payloads can be converted to the type (checked once at start-up).
	 * @param type the target type
	 * @return {@code true} if supported
	 */
	boolean canRead(Type type);

	/**
	 * Convert a payload.
	 * @param message the message
	 * @param type the target type, one {@link #canRead(Type)} accepted
	 * @return the value (never {@code null} for a non-empty payload)
	 */
	Object read(Message message, Type type);

	/**
	 * Encode a value as a payload.
	 * @param value the value
	 * @return the bytes; the caller must not change them
	 */
	byte[] write(Object value);

}
