package io.github.seastreamer.spring.actuate.autoconfigure;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.actuate.metrics.ObservedStreamTemplate;
import io.github.seastreamer.spring.actuate.metrics.SentMessageObserver;
import io.github.seastreamer.spring.actuate.observation.SeaStreamerObservations;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerProperties;
import io.github.seastreamer.spring.core.PayloadConverter;
import io.github.seastreamer.spring.core.ProducerOptionsCustomizer;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * When Micrometer is present, the stream template is an {@link ObservedStreamTemplate} so
 * that sends are counted ({@code seastreamer.messages.sent}) and, when
 * {@link SeaStreamerObservations} exist, observed. Runs before the starter's
 * auto-configuration and backs off when the application defines its own template.
 */
@AutoConfiguration(before = SeaStreamerAutoConfiguration.class)
@ConditionalOnClass(value = Streamer.class, name = "io.micrometer.core.instrument.MeterRegistry")
@EnableConfigurationProperties(SeaStreamerProperties.class)
public final class SeaStreamerTemplateMetricsAutoConfiguration {

	SeaStreamerTemplateMetricsAutoConfiguration() {
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	StreamTemplate streamTemplate(Streamers streamers, PayloadConverter payloadConverter,
			ObjectProvider<ProducerOptionsCustomizer> customizers, ObjectProvider<SentMessageObserver> observers,
			ObjectProvider<SeaStreamerObservations> observations, SeaStreamerProperties properties) {
		return new ObservedStreamTemplate(streamers, payloadConverter, customizers.orderedStream().toList(),
				properties.getProducer().getFlushTimeout(), new Once(observers), new OnceObservations(observations));
	}

	/**
	 * Resolves the observations on the first send and keeps the answer (none included).
	 */
	private static final class OnceObservations implements Supplier<@Nullable SeaStreamerObservations> {

		private final ObjectProvider<SeaStreamerObservations> provider;

		private volatile @Nullable Optional<SeaStreamerObservations> resolved;

		OnceObservations(ObjectProvider<SeaStreamerObservations> provider) {
			this.provider = provider;
		}

		@Override
		public @Nullable SeaStreamerObservations get() {
			Optional<SeaStreamerObservations> observations = this.resolved;
			if (observations == null) {
				observations = Optional.ofNullable(this.provider.getIfAvailable());
				this.resolved = observations;
			}
			return observations.orElse(null);
		}

	}

	/**
	 * Resolves the observers on the first send (after the context has created them) and
	 * keeps them.
	 */
	private static final class Once implements Supplier<List<SentMessageObserver>> {

		private final ObjectProvider<SentMessageObserver> provider;

		private volatile @Nullable List<SentMessageObserver> resolved;

		Once(ObjectProvider<SentMessageObserver> provider) {
			this.provider = provider;
		}

		@Override
		public List<SentMessageObserver> get() {
			List<SentMessageObserver> all = this.resolved;
			if (all == null) {
				all = this.provider.orderedStream().toList();
				this.resolved = all;
			}
			return all;
		}

	}

}
