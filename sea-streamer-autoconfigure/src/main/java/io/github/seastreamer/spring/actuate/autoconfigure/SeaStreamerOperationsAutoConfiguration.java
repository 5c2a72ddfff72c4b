package io.github.seastreamer.spring.actuate.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.actuate.endpoint.SeaStreamerEndpoint;
import io.github.seastreamer.spring.actuate.health.SeaStreamerHealthContributor;
import io.github.seastreamer.spring.actuate.health.SeaStreamerReadinessGroupPostProcessor;
import io.github.seastreamer.spring.actuate.metrics.ConsumerLagSource;
import io.github.seastreamer.spring.actuate.metrics.SeaStreamerListenerMetrics;
import io.github.seastreamer.spring.actuate.observation.SeaStreamerObservations;
import io.github.seastreamer.spring.actuate.observation.StreamProcessObservationConvention;
import io.github.seastreamer.spring.actuate.observation.StreamSendObservationConvention;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import io.github.seastreamer.spring.retry.ListenerOutcomes;
import io.github.seastreamer.spring.retry.RetryingStreamListenerEndpointRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Metrics, health and the actuator endpoint of SeaStreamer, each present only when its
 * optional module is on the class path (referenced by class name in conditions, so
 * loading this class needs none of them): Micrometer's {@code MeterRegistry}, Boot's
 * health contributors ({@code management.health.seastreamer.enabled}), Boot's actuator
 * endpoints ({@code management.endpoint.seastreamer.*}), Micrometer's
 * {@code ObservationRegistry} bean (observations of handling and sending, opt-in with
 * {@code seastreamer.observation.enabled=true}, as spring-kafka's are). Conditions that
 * need those modules sit on the bean methods, evaluated only once the class condition
 * passed.
 */
@AutoConfiguration(after = SeaStreamerAutoConfiguration.class,
		afterName = {
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(Streamer.class)
@ConditionalOnBean(Streamers.class)
public final class SeaStreamerOperationsAutoConfiguration {

	SeaStreamerOperationsAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class Metrics {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SeaStreamerListenerMetrics seaStreamerListenerMetrics(Streamers streamers,
				ObjectProvider<ListenerOutcomes> outcomes, ObjectProvider<StreamListenerEndpointRegistry> registry,
				Environment environment) {
			Duration lagInterval = environment.getProperty("seastreamer.metrics.lag-interval", Duration.class,
					Duration.ofSeconds(5));
			return new SeaStreamerListenerMetrics(streamers, outcomes.getIfAvailable(), () -> {
				StreamListenerEndpointRegistry listeners = registry.getIfAvailable();
				return (listeners != null) ? listeners.getListenerContainers() : List.of();
			}, lagInterval,
					(id) -> (registry.getIfAvailable() instanceof RetryingStreamListenerEndpointRegistry retrying)
							? retrying.consumerOptions(id) : Optional.empty());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
	@ConditionalOnProperty(prefix = "seastreamer.observation", name = "enabled", havingValue = "true")
	static class Observations {

		@Bean
		@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
		@ConditionalOnMissingBean
		SeaStreamerObservations seaStreamerObservations(ObservationRegistry registry, Streamers streamers,
				ObjectProvider<StreamProcessObservationConvention> processConvention,
				ObjectProvider<StreamSendObservationConvention> sendConvention) {
			return new SeaStreamerObservations(registry, streamers, processConvention.getIfUnique(),
					sendConvention.getIfUnique());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
	static class Health {

		@Bean
		@ConditionalOnEnabledHealthIndicator("seastreamer")
		@ConditionalOnMissingBean(name = "seastreamerHealthContributor")
		HealthContributor seastreamerHealthContributor(Streamers streamers,
				ObjectProvider<StreamListenerEndpointRegistry> registry) {
			return new SeaStreamerHealthContributor(streamers, registry.getIfAvailable(), Duration.ofSeconds(2));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor")
	static class Readiness {

		@Bean
		@ConditionalOnEnabledHealthIndicator("seastreamer")
		@ConditionalOnMissingBean
		SeaStreamerReadinessGroupPostProcessor seaStreamerReadinessGroupPostProcessor(Environment environment) {
			return new SeaStreamerReadinessGroupPostProcessor(environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnAvailableEndpoint(SeaStreamerEndpoint.class)
		@ConditionalOnMissingBean
		SeaStreamerEndpoint seaStreamerEndpoint(Streamers streamers,
				ObjectProvider<StreamListenerEndpointRegistry> registry, ObjectProvider<ConsumerLagSource> metrics) {
			return new SeaStreamerEndpoint(streamers, registry.getIfAvailable(), metrics.getIfAvailable());
		}

	}

}
