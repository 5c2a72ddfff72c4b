package io.github.seastreamer.spring.core;

import java.lang.reflect.Type;

import io.github.seastreamer.Message;
import io.github.seastreamer.PayloadEncodingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link PayloadConverter} that maps every type other than text and bytes through a
 * Jackson 3 {@link JsonMapper} (Spring Boot's, when it defines one).
 * <p>
 * Thread-safe; a payload that is not valid JSON for the type fails with
 * {@link PayloadEncodingException} naming the message and the type.
 */
public class JacksonPayloadConverter extends SimplePayloadConverter {

	private final JsonMapper jsonMapper;

	/**
	 * Create the converter.
	 * @param jsonMapper the mapper
	 */
	public JacksonPayloadConverter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public boolean canRead(Type type) {
		if (super.canRead(type)) {
			return true;
		}
		try {
			this.jsonMapper.constructType(type);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public Object read(Message message, Type type) {
		if (super.canRead(type)) {
			return super.read(message, type);
		}
		JavaType javaType = this.jsonMapper.constructType(type);
		byte[] bytes = message.payloadBytes();
		try {
			Object value = this.jsonMapper.readValue(bytes, javaType);
			if (value == null) {
				throw new PayloadEncodingException(
						"payload of " + message + " is JSON null, not a " + type.getTypeName(), null);
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new PayloadEncodingException("cannot read the payload of " + message + " as " + type.getTypeName()
					+ ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	protected byte[] writeObject(Object value) {
		try {
			return this.jsonMapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new PayloadEncodingException(
					"cannot write a " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
