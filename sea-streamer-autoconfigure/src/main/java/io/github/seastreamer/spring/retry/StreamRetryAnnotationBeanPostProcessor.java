package io.github.seastreamer.spring.retry;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.seastreamer.spring.annotation.StreamListener;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link StreamRetry} on {@code @StreamListener} methods and remembers it by
 * listener id (the {@code id} attribute with placeholders resolved, or
 * {@code <beanName>.<methodName>} as the starter names listeners).
 * <p>
 * Runs while singletons are created, before the listeners are registered; thread-safe.
 */
public class StreamRetryAnnotationBeanPostProcessor implements BeanPostProcessor, EnvironmentAware {

	private final Map<String, StreamRetry> byListener = new ConcurrentHashMap<>();

	private Environment environment;

	/**
	 * Create the post-processor.
	 */
	public StreamRetryAnnotationBeanPostProcessor() {
		this.environment = new org.springframework.core.env.StandardEnvironment();
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		ReflectionUtils.doWithMethods(type, (Method method) -> {
			StreamRetry retry = AnnotatedElementUtils.findMergedAnnotation(method, StreamRetry.class);
			StreamListener listener = AnnotatedElementUtils.findMergedAnnotation(method, StreamListener.class);
			if (retry != null && listener != null) {
				String id = this.environment.resolvePlaceholders(listener.id()).trim();
				if (id.isEmpty()) {
					id = beanName + "." + method.getName();
				}
				this.byListener.put(id, retry);
			}
		}, ReflectionUtils.USER_DECLARED_METHODS);
		return bean;
	}

	/**
	 * The annotation of a listener.
	 * @param listenerId the listener id
	 * @return the annotation, if its method has one
	 */
	public Optional<StreamRetry> find(String listenerId) {
		return Optional.ofNullable(this.byListener.get(listenerId));
	}

}
