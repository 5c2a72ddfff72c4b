package io.github.seastreamer.spring.actuate.autoconfigure;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerProperties;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import io.github.seastreamer.spring.listener.ListenerHandlerDecorator;
import io.github.seastreamer.spring.listener.ListenerObserver;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import io.github.seastreamer.spring.retry.DeadLetterErrorHandler;
import io.github.seastreamer.spring.retry.ListenerOutcomes;
import io.github.seastreamer.spring.retry.RetryPolicies;
import io.github.seastreamer.spring.retry.RetryingStreamListenerEndpointRegistry;
import io.github.seastreamer.spring.retry.StreamRetryAnnotationBeanPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Retries with back-off and dead-letter streams for {@code @StreamListener} handlers: a
 * listener registry that wraps each handler in its retry policy and, unless the
 * application defines its own {@link ListenerErrorHandler}, a
 * {@link DeadLetterErrorHandler}. Runs before the starter's auto-configuration so that
 * its beans take the place of the starter's defaults; off with
 * {@code seastreamer.retry.enabled=false}.
 */
@AutoConfiguration(before = SeaStreamerAutoConfiguration.class)
@ConditionalOnClass(Streamer.class)
@ConditionalOnProperty(prefix = "seastreamer.retry", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SeaStreamerRetryProperties.class, SeaStreamerProperties.class })
public final class SeaStreamerRetryAutoConfiguration {

	SeaStreamerRetryAutoConfiguration() {
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static StreamRetryAnnotationBeanPostProcessor streamRetryAnnotationBeanPostProcessor() {
		return new StreamRetryAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerOutcomes seaStreamerListenerOutcomes() {
		return new ListenerOutcomes();
	}

	@Bean
	@ConditionalOnMissingBean
	RetryPolicies seaStreamerRetryPolicies(SeaStreamerRetryProperties properties,
			StreamRetryAnnotationBeanPostProcessor annotations) {
		return new RetryPolicies(properties.toPolicy(), annotations::find);
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerErrorHandler streamListenerErrorHandler(StreamTemplate template, RetryPolicies policies,
			ListenerOutcomes outcomes) {
		return new DeadLetterErrorHandler(template, policies, outcomes);
	}

	@Bean
	@ConditionalOnMissingBean
	StreamListenerEndpointRegistry streamListenerEndpointRegistry(Streamers streamers, StreamTemplate template,
			ObjectProvider<ConsumerOptionsCustomizer> customizers, ListenerErrorHandler errorHandler,
			ObjectProvider<ListenerObserver> observers, ObjectProvider<ListenerHandlerDecorator> decorators,
			SeaStreamerProperties properties, RetryPolicies policies, ListenerOutcomes outcomes) {
		RetryingStreamListenerEndpointRegistry registry = new RetryingStreamListenerEndpointRegistry(streamers,
				template, customizers.orderedStream().toList(), errorHandler, observers.orderedStream().toList(),
				properties.getConsumer().getCommitInterval(), properties.getListener().getShutdownTimeout(), policies,
				outcomes);
		registry.setHandlerDecorators(decorators.orderedStream().toList());
		return registry;
	}

}
