package io.github.seastreamer.spring.actuate;

import java.util.UUID;

import io.github.seastreamer.spring.actuate.autoconfigure.SeaStreamerOperationsAutoConfiguration;
import io.github.seastreamer.spring.actuate.autoconfigure.SeaStreamerRetryAutoConfiguration;
import io.github.seastreamer.spring.actuate.autoconfigure.SeaStreamerTemplateMetricsAutoConfiguration;
import io.github.seastreamer.spring.actuate.endpoint.SeaStreamerEndpoint;
import io.github.seastreamer.spring.actuate.health.SeaStreamerHealthContributor;
import io.github.seastreamer.spring.actuate.metrics.ObservedStreamTemplate;
import io.github.seastreamer.spring.actuate.metrics.SeaStreamerListenerMetrics;
import io.github.seastreamer.spring.actuate.observation.SeaStreamerObservations;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import io.github.seastreamer.spring.listener.LoggingErrorHandler;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import io.github.seastreamer.spring.retry.DeadLetterErrorHandler;
import io.github.seastreamer.spring.retry.RetryingStreamListenerEndpointRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of the operations auto-configuration.
 */
class SeaStreamerOperationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeaStreamerRetryAutoConfiguration.class,
				SeaStreamerTemplateMetricsAutoConfiguration.class, SeaStreamerAutoConfiguration.class,
				SeaStreamerOperationsAutoConfiguration.class))
		.withPropertyValues("seastreamer.uri=mem://ops-" + UUID.randomUUID(),
				"management.endpoints.web.exposure.include=seastreamer");

	@Test
	void retriesDeadLettersMetricsHealthAndEndpointAreConfiguredByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DeadLetterErrorHandler.class)
				.hasSingleBean(SeaStreamerListenerMetrics.class)
				.hasSingleBean(SeaStreamerHealthContributor.class)
				.hasSingleBean(SeaStreamerEndpoint.class);
			assertThat(context.getBean(StreamListenerEndpointRegistry.class))
				.isInstanceOf(RetryingStreamListenerEndpointRegistry.class);
			assertThat(context).hasBean("seastreamerHealthContributor");
			assertThat(context.getBean(StreamTemplate.class)).isInstanceOf(ObservedStreamTemplate.class);
		});
	}

	@Test
	void observationsAreConfiguredWhenEnabledAndAnObservationRegistryExists() {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("seastreamer.observation.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SeaStreamerObservations.class));
	}

	@Test
	void observationsAreOffByDefaultAndBackOffWithoutARegistryOrWhenDisabledByProperty() {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).doesNotHaveBean(SeaStreamerObservations.class));
		this.contextRunner.withPropertyValues("seastreamer.observation.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(SeaStreamerObservations.class));
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("seastreamer.observation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeaStreamerObservations.class));
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("seastreamer.observation.enabled=true")
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context).doesNotHaveBean(SeaStreamerObservations.class));
	}

	@Test
	void healthContributorBacksOffWhenDisabledByProperty() {
		this.contextRunner.withPropertyValues("management.health.seastreamer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SeaStreamerHealthContributor.class));
	}

	@Test
	void disablingRetriesRestoresTheStarterDefaults() {
		this.contextRunner.withPropertyValues("seastreamer.retry.enabled=false").run((context) -> {
			assertThat(context.getBean(ListenerErrorHandler.class)).isInstanceOf(LoggingErrorHandler.class);
			assertThat(context.getBean(StreamListenerEndpointRegistry.class))
				.isNotInstanceOf(RetryingStreamListenerEndpointRegistry.class);
		});
	}

	@Test
	void userErrorHandlerDecidesInsteadOfTheDeadLetterStream() {
		ListenerErrorHandler mine = (container, message, error) -> java.util.concurrent.CompletableFuture
			.completedFuture(null);
		this.contextRunner.withBean("myErrorHandler", ListenerErrorHandler.class, () -> mine).run((context) -> {
			assertThat(context).doesNotHaveBean(DeadLetterErrorHandler.class);
			assertThat(context.getBean(ListenerErrorHandler.class)).isSameAs(mine);
		});
	}

	@Test
	void withoutMicrometerOrActuatorOnlyRetriesRemain() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.micrometer.", "org.springframework.boot.health.",
					"org.springframework.boot.actuate."))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(DeadLetterErrorHandler.class)
					.doesNotHaveBean(SeaStreamerListenerMetrics.class)
					.doesNotHaveBean(SeaStreamerEndpoint.class)
					.doesNotHaveBean(ObservedStreamTemplate.class)
					.hasSingleBean(StreamTemplate.class);
				assertThat(context.getBeanNamesForType(StreamListenerEndpointRegistry.class)).hasSize(1);
			});
	}

	@Test
	void invalidRetryPropertiesFailStartUpNamingTheProblem() {
		this.contextRunner.withPropertyValues("seastreamer.retry.multiplier=0.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("multiplier"));
	}

	@Test
	void metadataDescribesTheOperationsProperties() {
		assertThat(new ClassPathResource("META-INF/spring-configuration-metadata.json").exists()).isTrue();
		assertThat(new ClassPathResource("META-INF/additional-spring-configuration-metadata.json").exists()).isTrue();
	}

}
