package io.github.seastreamer.spring.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.core.PayloadConverter;
import io.github.seastreamer.spring.listener.Acknowledgement;
import io.github.seastreamer.spring.listener.ListenerEndpoint;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link StreamListener} methods on beans and, once every singleton exists,
 * registers one {@link ListenerEndpoint} per method with the
 * {@link StreamListenerEndpointRegistry}.
 * <p>
 * Registered as a {@code static} infrastructure bean by the auto-configuration.
 * Definition errors fail the application context start-up with a
 * {@link ConfigurationException} naming the listener and the problem.
 */
public class StreamListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton, Ordered {

	private static final String MESSAGING_SEND_TO = "org.springframework.messaging.handler.annotation.SendTo";

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final List<Pending> pending = new ArrayList<>();

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable Environment environment;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableBeanFactory cbf) ? cbf : null;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		Map<Method, StreamListener> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<StreamListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, StreamListener.class));
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		synchronized (this.pending) {
			methods.forEach((method, annotation) -> this.pending
				.add(new Pending(bean, beanName, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			throw new IllegalStateException(
					"StreamListenerAnnotationBeanPostProcessor needs a ConfigurableBeanFactory");
		}
		List<Pending> todo;
		synchronized (this.pending) {
			todo = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		if (todo.isEmpty()) {
			return;
		}
		StreamListenerEndpointRegistry registry = factory.getBean(StreamListenerEndpointRegistry.class);
		PayloadConverter converter = factory.getBean(PayloadConverter.class);
		StreamListenerDefaults defaults = factory.getBeanProvider(StreamListenerDefaults.class)
			.getIfAvailable(StreamListenerDefaults::standard);
		for (Pending listener : todo) {
			registry.register(endpoint(listener, factory, converter, defaults));
		}
	}

	private ListenerEndpoint endpoint(Pending listener, ConfigurableBeanFactory factory, PayloadConverter converter,
			StreamListenerDefaults defaults) {
		StreamListener annotation = listener.annotation();
		Method method = listener.method();
		String id = resolve(factory, annotation.id());
		if (id.isEmpty()) {
			id = listener.beanName() + "." + method.getName();
		}
		String where = "listener '" + id + "' (" + method.getDeclaringClass().getName() + "." + method.getName() + ")";
		try {
			String streamer = resolve(factory, annotation.streamer());
			List<StreamKey> streams = streams(factory, annotation.streams(), where);
			ConsumerMode mode = single(annotation.mode(), defaults.mode(), "mode", where);
			StreamReset reset = single(annotation.reset(), defaults.streamReset(), "reset", where);
			String group = resolve(factory, annotation.group());
			if (group.isEmpty() && mode != ConsumerMode.REAL_TIME) {
				group = (defaults.group() != null) ? defaults.group() : "";
				if (group.isEmpty() && this.environment != null) {
					// one group per listener: instances of the application share it,
					// while
					// two listeners of one application never take each other's messages
					String application = this.environment.getProperty("spring.application.name", "");
					group = application.isEmpty() ? "" : application + "." + id;
				}
			}
			if (group.isEmpty() && mode == ConsumerMode.LOAD_BALANCED) {
				throw new ConfigurationException(where + ": mode LOAD_BALANCED needs a consumer group; set group = ..."
						+ " on the annotation, seastreamer.consumer.group or spring.application.name");
			}
			ConsumerOptions options = ConsumerOptions.builder()
				.mode(mode)
				.group(group.isEmpty() ? null : group)
				.streamReset(reset)
				.build();
			List<MethodMessageHandler.ArgumentResolver> resolvers = new ArrayList<>();
			boolean manual = bindParameters(method, converter, resolvers, where);
			ReflectionUtils.makeAccessible(method);
			ListenerEndpoint.SendToTarget sendTo = sendTo(factory, method, streamer, where);
			return ListenerEndpoint.builder(id, new MethodMessageHandler(listener.bean(), method, resolvers))
				.streamerName(streamer)
				.streams(streams)
				.consumerOptions(options)
				.concurrency(integer(factory, annotation.concurrency(), defaults.concurrency(), "concurrency", where))
				.maxInFlight(integer(factory, annotation.maxInFlight(), defaults.maxInFlight(), "maxInFlight", where))
				.ordered(defaults.ordered())
				.autoStartup(bool(factory, annotation.autoStartup(), defaults.autoStartup(), where))
				.manualAcknowledgement(manual)
				.condition(condition(factory, annotation.condition(), where))
				.sendTo(sendTo)
				.build();
		}
		catch (ConfigurationException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("'" + id + "'")) {
				throw ex;
			}
			throw new ConfigurationException(where + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw new ConfigurationException(where + ": " + ex.getMessage(), ex);
		}
	}

	private List<StreamKey> streams(ConfigurableBeanFactory factory, String[] values, String where) {
		List<StreamKey> keys = new ArrayList<>();
		for (String value : values) {
			for (String name : StringUtils.commaDelimitedListToStringArray(resolve(factory, value))) {
				String trimmed = name.trim();
				if (trimmed.isEmpty()) {
					continue;
				}
				if (!StreamKey.isValid(trimmed)) {
					throw new ConfigurationException(where + ": invalid stream key '" + trimmed
							+ "': valid keys are 1 to 249 characters of [a-zA-Z0-9._-]");
				}
				StreamKey key = StreamKey.of(trimmed);
				if (!keys.contains(key)) {
					keys.add(key);
				}
			}
		}
		if (keys.isEmpty()) {
			throw new ConfigurationException(where + ": no stream given (streams = " + Arrays.toString(values) + ")");
		}
		return keys;
	}

	private boolean bindParameters(Method method, PayloadConverter converter,
			List<MethodMessageHandler.ArgumentResolver> resolvers, String where) {
		boolean manual = false;
		Parameter payloadParameter = null;
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			Class<?> type = parameter.getType();
			if (type == Message.class) {
				resolvers.add((message, ack) -> message);
			}
			else if (type == MessageHeader.class) {
				resolvers.add((message, ack) -> message.header());
			}
			else if (type == StreamKey.class) {
				resolvers.add((message, ack) -> message.streamKey());
			}
			else if (type == Acknowledgement.class) {
				manual = true;
				resolvers.add((message, ack) -> ack);
			}
			else {
				if (payloadParameter != null) {
					throw new ConfigurationException(where + ": parameter " + i + " (" + parameter.getName() + ": "
							+ type.getSimpleName() + ") cannot be bound: parameter '" + payloadParameter.getName()
							+ "' already takes the payload; other parameters may be Message, MessageHeader, StreamKey"
							+ " or Acknowledgement");
				}
				Type generic = parameter.getParameterizedType();
				if (!converter.canRead(generic)) {
					throw new ConfigurationException(where + ": parameter " + i + " (" + parameter.getName() + ": "
							+ generic.getTypeName() + ") cannot be bound: the payload converter cannot read it"
							+ " (String, byte[] and ByteBuffer always work; other types need Jackson)");
				}
				payloadParameter = parameter;
				if (type == String.class) {
					resolvers.add((message, ack) -> message.payloadAsString());
				}
				else if (type == byte[].class) {
					resolvers.add((message, ack) -> message.payloadBytes());
				}
				else if (type == ByteBuffer.class) {
					resolvers.add((message, ack) -> message.payload());
				}
				else {
					resolvers.add((message, ack) -> converter.read(message, generic));
				}
			}
		}
		return manual;
	}

	private ListenerEndpoint.@Nullable SendToTarget sendTo(ConfigurableBeanFactory factory, Method method,
			String listenerStreamer, String where) {
		String target = null;
		SendTo ours = AnnotatedElementUtils.findMergedAnnotation(method, SendTo.class);
		if (ours != null) {
			target = ours.value();
		}
		else {
			MergedAnnotation<?> messaging = MergedAnnotations
				.from(method, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
				.get(MESSAGING_SEND_TO);
			if (messaging.isPresent()) {
				String[] values = messaging.getStringArray("value");
				if (values.length != 1) {
					throw new ConfigurationException(
							where + ": @SendTo needs exactly one target, got " + Arrays.toString(values));
				}
				target = values[0];
			}
		}
		Class<?> returnType = method.getReturnType();
		if (target == null) {
			return null;
		}
		if (returnType == void.class || returnType == Void.class) {
			throw new ConfigurationException(where + ": @SendTo(\"" + target + "\") on a method that returns nothing");
		}
		String resolved = resolve(factory, target).trim();
		String streamer = listenerStreamer;
		String stream = resolved;
		int colon = resolved.indexOf(':');
		if (colon >= 0) {
			streamer = resolved.substring(0, colon).trim();
			stream = resolved.substring(colon + 1).trim();
		}
		if (!StreamKey.isValid(stream)) {
			throw new ConfigurationException(where + ": @SendTo(\"" + resolved + "\") has an invalid stream key '"
					+ stream + "': valid keys are 1 to 249 characters of [a-zA-Z0-9._-]");
		}
		return new ListenerEndpoint.SendToTarget(streamer.isEmpty() ? "default" : streamer, StreamKey.of(stream));
	}

	private @Nullable Predicate<MessageHeader> condition(ConfigurableBeanFactory factory, String text, String where) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		Expression expression;
		try {
			expression = this.parser.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new ConfigurationException(
					where + ": condition \"" + text + "\" is not a valid SpEL expression: " + ex.getMessage(), ex);
		}
		BeanFactoryResolver beanResolver = new BeanFactoryResolver(factory);
		return (header) -> {
			StandardEvaluationContext context = new StandardEvaluationContext(new HeaderConditionRoot(header));
			context.setBeanResolver(beanResolver);
			return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
		};
	}

	private static <T> T single(T[] values, T fallback, String attribute, String where) {
		if (values.length > 1) {
			throw new ConfigurationException(
					where + ": give at most one " + attribute + ", got " + Arrays.toString(values));
		}
		return (values.length == 1) ? values[0] : fallback;
	}

	private int integer(ConfigurableBeanFactory factory, String text, int fallback, String attribute, String where) {
		String resolved = resolve(factory, text).trim();
		if (resolved.isEmpty()) {
			return fallback;
		}
		try {
			return Integer.parseInt(resolved);
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException(where + ": " + attribute + " \"" + resolved + "\" is not a number");
		}
	}

	private boolean bool(ConfigurableBeanFactory factory, String text, boolean fallback, String where) {
		String resolved = resolve(factory, text).trim();
		if (resolved.isEmpty()) {
			return fallback;
		}
		if (!resolved.equalsIgnoreCase("true") && !resolved.equalsIgnoreCase("false")) {
			throw new ConfigurationException(where + ": autoStartup \"" + resolved + "\" is neither true nor false");
		}
		return Boolean.parseBoolean(resolved);
	}

	private static String resolve(ConfigurableBeanFactory factory, String value) {
		if (value.isEmpty()) {
			return value;
		}
		String resolved = factory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved : "";
	}

	private record Pending(Object bean, String beanName, Method method, StreamListener annotation) {
	}

}
