package io.github.seastreamer.spring.core;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.github.seastreamer.Message;
import io.github.seastreamer.PayloadEncodingException;

/**
 * A {@link PayloadConverter} for {@code String} (UTF-8), {@code byte[]} and
 * {@code ByteBuffer} only; used when Jackson is not on the class path.
 * <p>
 * Thread-safe and stateless.
 */
public class SimplePayloadConverter implements PayloadConverter {

	@Override
	public boolean canRead(Type type) {
		return type == String.class || type == byte[].class || type == ByteBuffer.class;
	}

	@Override
	public Object read(Message message, Type type) {
		if (type == String.class) {
			return message.payloadAsString();
		}
		if (type == byte[].class) {
			return message.payloadBytes();
		}
		if (type == ByteBuffer.class) {
			return message.payload();
		}
		throw new PayloadEncodingException("cannot convert the payload of " + message + " to " + type.getTypeName()
				+ ": only String, byte[] and ByteBuffer are supported without Jackson on the class path", null);
	}

	@Override
	public byte[] write(Object value) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return bytes;
		}
		return writeObject(value);
	}

	/**
	 * Encode a value that is neither text nor bytes.
	 * @param value the value
	 * @return the bytes
	 * @throws PayloadEncodingException always, here
	 */
	protected byte[] writeObject(Object value) {
		throw new PayloadEncodingException("cannot encode a " + value.getClass().getName()
				+ " as a payload: send a String or byte[], or add Jackson (tools.jackson.core:jackson-databind)", null);
	}

}
