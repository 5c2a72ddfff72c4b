package io.github.seastreamer.spring.annotation;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.Message;
import io.github.seastreamer.spring.listener.Acknowledgement;
import io.github.seastreamer.spring.listener.MessageHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Calls a {@code @StreamListener} method with arguments resolved by type.
 * <p>
 * A method of up to two parameters, all of reference types, is called through a small
 * class generated once by {@link LambdaMetafactory} (a direct call, no argument array, no
 * reflective access per message); any other method, or one the generated call cannot
 * reach (a class of another class loader or module), through reflection. Either way the
 * method's own exception is what {@link #handle} throws.
 */
final class MethodMessageHandler implements MessageHandler {

	private final Object bean;

	private final Method method;

	private final ArgumentResolver[] resolvers;

	private final @Nullable Object direct;

	private final int kind;

	MethodMessageHandler(Object bean, Method method, List<ArgumentResolver> resolvers) {
		this.bean = bean;
		this.method = method;
		// once here, so that invoke() does no access check per message (the bean
		// post-processor already checked the method may be called)
		if (!method.trySetAccessible()) {
			ReflectionUtils.makeAccessible(method);
		}
		this.resolvers = resolvers.toArray(ArgumentResolver[]::new);
		this.direct = directCall(method);
		this.kind = kindOf(method);
	}

	@Override
	public @Nullable Object handle(Message message, Acknowledgement acknowledgement) throws Exception {
		Object direct = this.direct;
		if (direct != null) {
			try {
				return callDirect(direct, message, acknowledgement);
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}
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

	private @Nullable Object callDirect(Object direct, Message message, Acknowledgement acknowledgement)
			throws Throwable {
		ArgumentResolver[] resolvers = this.resolvers;
		switch (this.kind) {
			case 1:
				return ((Call1) direct).call(this.bean, resolvers[0].resolve(message, acknowledgement));
			case -1:
				((VoidCall1) direct).call(this.bean, resolvers[0].resolve(message, acknowledgement));
				return null;
			case 2:
				return ((Call2) direct).call(this.bean, resolvers[0].resolve(message, acknowledgement),
						resolvers[1].resolve(message, acknowledgement));
			case -2:
				((VoidCall2) direct).call(this.bean, resolvers[0].resolve(message, acknowledgement),
						resolvers[1].resolve(message, acknowledgement));
				return null;
			case 3:
				return ((Call0) direct).call(this.bean);
			default:
				((VoidCall0) direct).call(this.bean);
				return null;
		}
	}

	/**
	 * The kind of a direct call, for {@link #callDirect}: the parameter count (3 for
	 * none), negative when the method returns nothing.
	 */
	private static int kindOf(Method method) {
		int count = method.getParameterCount();
		int kind = (count == 0) ? 3 : count;
		return (method.getReturnType() == void.class) ? -kind : kind;
	}

	/**
	 * The direct calls generated so far, per declaring class (so they go with it when its
	 * class loader goes): each method gets one generated class for the life of its class,
	 * however many application contexts call it, so that code compiled for one context's
	 * listener serves the next one's instead of starting cold.
	 */
	private static final ClassValue<Map<Method, Optional<Object>>> DIRECT_CALLS = new ClassValue<>() {

		@Override
		protected Map<Method, Optional<Object>> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}

	};

	/**
	 * A generated direct call of the method, or {@code null} when reflection must do.
	 */
	static @Nullable Object directCall(Method method) {
		return DIRECT_CALLS.get(method.getDeclaringClass())
			.computeIfAbsent(method, (m) -> Optional.ofNullable(generateDirectCall(m)))
			.orElse(null);
	}

	private static @Nullable Object generateDirectCall(Method method) {
		int count = method.getParameterCount();
		if (count > 2 || Modifier.isStatic(method.getModifiers())) {
			return null;
		}
		Class<?> returnType = method.getReturnType();
		if (returnType.isPrimitive() && returnType != void.class) {
			return null;
		}
		for (Class<?> type : method.getParameterTypes()) {
			if (type.isPrimitive()) {
				return null;
			}
		}
		boolean isVoid = returnType == void.class;
		Class<?> callType = switch (count) {
			case 0 -> isVoid ? VoidCall0.class : Call0.class;
			case 1 -> isVoid ? VoidCall1.class : Call1.class;
			default -> isVoid ? VoidCall2.class : Call2.class;
		};
		try {
			Class<?> owner = method.getDeclaringClass();
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
			MethodHandle target = lookup.unreflect(method);
			Class<?>[] erased = new Class<?>[count + 1];
			java.util.Arrays.fill(erased, Object.class);
			MethodType callShape = MethodType.methodType(isVoid ? void.class : Object.class, erased);
			MethodType instantiated = target.type().changeReturnType(isVoid ? void.class : Object.class);
			CallSite site = LambdaMetafactory.metafactory(lookup, "call", MethodType.methodType(callType), callShape,
					target, instantiated);
			return site.getTarget().invoke();
		}
		catch (Throwable ex) {
			// not reachable by a generated class (another class loader or module): the
			// reflective call works everywhere
			return null;
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

	/**
	 * A generated direct call of a listener method of 0 parameters (public only so that
	 * the generated class, defined beside the bean class, may implement it).
	 */
	@FunctionalInterface
	public interface Call0 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @return what the method returned
		 * @throws Throwable what the method threw
		 */
		@Nullable Object call(Object bean) throws Throwable;

	}

	/**
	 * A generated direct call of a listener method of 0 parameters that returns nothing
	 * (public only so that the generated class, defined beside the bean class, may
	 * implement it).
	 */
	@FunctionalInterface
	public interface VoidCall0 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @throws Throwable what the method threw
		 */
		void call(Object bean) throws Throwable;

	}

	/**
	 * A generated direct call of a listener method of 1 parameter (public only so that
	 * the generated class, defined beside the bean class, may implement it).
	 */
	@FunctionalInterface
	public interface Call1 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @param a0 an argument
		 * @return what the method returned
		 * @throws Throwable what the method threw
		 */
		@Nullable Object call(Object bean, Object a0) throws Throwable;

	}

	/**
	 * A generated direct call of a listener method of 1 parameter that returns nothing
	 * (public only so that the generated class, defined beside the bean class, may
	 * implement it).
	 */
	@FunctionalInterface
	public interface VoidCall1 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @param a0 an argument
		 * @throws Throwable what the method threw
		 */
		void call(Object bean, Object a0) throws Throwable;

	}

	/**
	 * A generated direct call of a listener method of 2 parameters (public only so that
	 * the generated class, defined beside the bean class, may implement it).
	 */
	@FunctionalInterface
	public interface Call2 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @param a0 an argument
		 * @param a1 an argument
		 * @return what the method returned
		 * @throws Throwable what the method threw
		 */
		@Nullable Object call(Object bean, Object a0, Object a1) throws Throwable;

	}

	/**
	 * A generated direct call of a listener method of 2 parameters that returns nothing
	 * (public only so that the generated class, defined beside the bean class, may
	 * implement it).
	 */
	@FunctionalInterface
	public interface VoidCall2 {

		/**
		 * Call the method.
		 * @param bean the bean
		 * @param a0 an argument
		 * @param a1 an argument
		 * @throws Throwable what the method threw
		 */
		void call(Object bean, Object a0, Object a1) throws Throwable;

	}

}
