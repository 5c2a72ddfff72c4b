package io.github.seastreamer.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.spring.annotation.StreamListenerAnnotationBeanPostProcessor;
import io.github.seastreamer.spring.annotation.StreamListenerDefaults;
import io.github.seastreamer.spring.core.ConnectOptionsCustomizer;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.HostlessUriResolver;
import io.github.seastreamer.spring.core.JacksonPayloadConverter;
import io.github.seastreamer.spring.core.PayloadConverter;
import io.github.seastreamer.spring.core.ProducerOptionsCustomizer;
import io.github.seastreamer.spring.core.SimplePayloadConverter;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import io.github.seastreamer.spring.listener.ListenerHandlerDecorator;
import io.github.seastreamer.spring.listener.ListenerObserver;
import io.github.seastreamer.spring.listener.LoggingErrorHandler;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration for SeaStreamer: the streamers of {@code seastreamer.uri} and
 * {@code seastreamer.streamers.*}, the {@link StreamTemplate}, and
 * {@code @StreamListener} processing with its listener containers.
 * <p>
 * Every bean backs off when the application defines its own. Streamers are connected
 * while the context starts (a failure names the streamer and the masked URI) and
 * disconnected when it closes, after the listeners have stopped.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConditionalOnClass(Streamer.class)
@EnableConfigurationProperties(SeaStreamerProperties.class)
@Import({ SeaStreamerConnectionDetailsConfigurations.DataRedis.class,
		SeaStreamerConnectionDetailsConfigurations.Kafka.class, BackendOptionsConfigurations.File.class,
		BackendOptionsConfigurations.Redis.class, BackendOptionsConfigurations.Kafka.class })
public final class SeaStreamerAutoConfiguration {

	SeaStreamerAutoConfiguration() {
	}

	@Bean
	StreamerConnector seaStreamerConnector(SeaStreamerProperties properties,
			ObjectProvider<HostlessUriResolver> resolvers, ObjectProvider<ConnectOptionsCustomizer> customizers) {
		return new StreamerConnector(properties.getConnectTimeout(), properties.getDisconnectTimeout(),
				resolvers.orderedStream().toList(), customizers.orderedStream().toList());
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	Streamer seaStreamer(StreamerConnector connector, SeaStreamerProperties properties) {
		return connector.connect(Streamers.DEFAULT, properties.getUri(), "seastreamer.uri");
	}

	@Bean
	@ConditionalOnMissingBean
	Streamers seaStreamers(ObjectProvider<Streamer> streamer, StreamerConnector connector,
			SeaStreamerProperties properties) {
		Map<String, Streamer> byName = new LinkedHashMap<>();
		Streamer primary = streamer.getIfUnique();
		byName.put(Streamers.DEFAULT, (primary != null) ? primary
				: connector.connect(Streamers.DEFAULT, properties.getUri(), "seastreamer.uri"));
		properties.getStreamers().forEach((name, named) -> {
			if (!Streamers.DEFAULT.equals(name)) {
				byName.put(name, connector.connect(name, named.getUri(), "seastreamer.streamers." + name + ".uri"));
			}
		});
		return new Streamers(byName);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	StreamTemplate streamTemplate(Streamers streamers, PayloadConverter payloadConverter,
			ObjectProvider<ProducerOptionsCustomizer> customizers, SeaStreamerProperties properties) {
		return new StreamTemplate(streamers, payloadConverter, customizers.orderedStream().toList(),
				properties.getProducer().getFlushTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	PayloadConverter seaStreamerPayloadConverter() {
		return new SimplePayloadConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	ListenerErrorHandler streamListenerErrorHandler() {
		return new LoggingErrorHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	StreamListenerDefaults streamListenerDefaults(SeaStreamerProperties properties) {
		SeaStreamerProperties.Consumer consumer = properties.getConsumer();
		SeaStreamerProperties.Listener listener = properties.getListener();
		return new StreamListenerDefaults(consumer.getMode(), consumer.getGroup(), consumer.getStreamReset(),
				listener.getConcurrency(), listener.isOrdered(), listener.getMaxInFlight(), listener.isAutoStartup());
	}

	@Bean
	@ConditionalOnMissingBean
	StreamListenerEndpointRegistry streamListenerEndpointRegistry(Streamers streamers, StreamTemplate template,
			ObjectProvider<ConsumerOptionsCustomizer> customizers, ListenerErrorHandler errorHandler,
			ObjectProvider<ListenerObserver> observers, ObjectProvider<ListenerHandlerDecorator> decorators,
			SeaStreamerProperties properties) {
		StreamListenerEndpointRegistry registry = new StreamListenerEndpointRegistry(streamers, template,
				customizers.orderedStream().toList(), errorHandler, observers.orderedStream().toList(),
				properties.getConsumer().getCommitInterval(), properties.getListener().getShutdownTimeout());
		registry.setHandlerDecorators(decorators.orderedStream().toList());
		return registry;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static StreamListenerAnnotationBeanPostProcessor streamListenerAnnotationBeanPostProcessor() {
		return new StreamListenerAnnotationBeanPostProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonPayloadConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PayloadConverter seaStreamerJacksonPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
			return new JacksonPayloadConverter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		}

	}

}
