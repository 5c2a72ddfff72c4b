package io.github.seastreamer.spring.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import io.github.seastreamer.Message;
import io.github.seastreamer.spring.listener.Acknowledgement;
import io.github.seastreamer.spring.listener.MessageHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Calls a {@code @StreamListener} method with arguments resolved by type.
 */
final class MethodMessageHandler implements MessageHandler {

	private final Object bean;

	private final Method method;

	private final ArgumentResolver[] resolvers;

	MethodMessageHandler(Object bean, Method method, List<ArgumentResolver> resolvers) {
		this.bean = bean;
		this.method = method;
		// once here, so that invoke() does no access check per message (the bean
		// post-processor already checked the method may be called)
		if (!method.trySetAccessible()) {
			ReflectionUtils.makeAccessible(method);
		}
		this.resolvers = resolvers.toArray(ArgumentResolver[]::new);
	}

	@Override
	public @Nullable Object handle(Message message, Acknowledgement acknowledgement) throws Exception {
		Object[] args = new Object[this.resolvers.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.resolvers[i].resolve(message, acknowledgement);
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return this.method.toGenericString();
	}

	/**
	 * Produces one argument from the message.
	 */
	@FunctionalInterface
	interface ArgumentResolver {

		Object resolve(Message message, Acknowledgement acknowledgement);

	}

}
