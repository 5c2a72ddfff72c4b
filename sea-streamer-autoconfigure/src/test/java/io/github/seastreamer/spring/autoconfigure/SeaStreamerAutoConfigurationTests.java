package io.github.seastreamer.spring.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.annotation.StreamListenerAnnotationBeanPostProcessor;
import io.github.seastreamer.spring.annotation.StreamListenerDefaults;
import io.github.seastreamer.spring.core.HostlessUriResolver;
import io.github.seastreamer.spring.core.JacksonPayloadConverter;
import io.github.seastreamer.spring.core.PayloadConverter;
import io.github.seastreamer.spring.core.SimplePayloadConverter;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;
import io.github.seastreamer.spring.listener.ListenerErrorHandler;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link SeaStreamerAutoConfiguration}: every condition, on {@code mem://}.
 */
class SeaStreamerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeaStreamerAutoConfiguration.class));

	private static String memUri() {
		return "mem://autoconfig-" + UUID.randomUUID();
	}

	@Test
	void whenUriIsSetThenStreamerTemplateRegistryAndPostProcessorAreConfigured() {
		String uri = memUri();
		this.contextRunner.withPropertyValues("seastreamer.uri=" + uri).run((context) -> {
			assertThat(context).hasSingleBean(Streamer.class)
				.hasSingleBean(Streamers.class)
				.hasSingleBean(StreamTemplate.class)
				.hasSingleBean(StreamListenerEndpointRegistry.class)
				.hasSingleBean(StreamListenerAnnotationBeanPostProcessor.class)
				.hasSingleBean(ListenerErrorHandler.class);
			assertThat(context.getBean(Streamer.class).uri()).isEqualTo(StreamerUri.parse(uri));
			assertThat(context.getBean(Streamers.class).getDefault()).isSameAs(context.getBean(Streamer.class));
			assertThat(context.getBean(PayloadConverter.class)).isInstanceOf(JacksonPayloadConverter.class);
		});
	}

	@Test
	void whenNoUriIsSetThenDefaultIsAFileInTheWorkingDirectory() {
		assertThat(new SeaStreamerProperties().getUri()).isEqualTo("file://./seastreamer.ss");
	}

	@Test
	void whenCoreIsAbsentThenNothingIsConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Streamer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Streamers.class)
				.doesNotHaveBean(StreamTemplate.class));
	}

	@Test
	void whenNoBackendIsOnTheClassPathThenStartupFailsNamingTheStreamerAndTheSchemesAvailable() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(
					new ClassPathResource("META-INF/services/io.github.seastreamer.spi.StreamerProvider")))
			.withPropertyValues("seastreamer.uri=mem://nothing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackText(context.getStartupFailure())).contains("streamer 'default'")
					.contains("seastreamer.uri")
					.contains("unknown protocol `mem`");
			});
	}

	@Test
	void whenSchemeIsUnknownThenStartupFailsWithMaskedUri() {
		this.contextRunner.withPropertyValues("seastreamer.uri=nope://user:s3cret@host:1234").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.hasMessageContaining("unknown protocol `nope`")
				.hasMessageContaining("available schemes")
				.hasMessageContaining("mem");
			assertThat(stackText(failure)).doesNotContain("s3cret").contains("user:****@host:1234");
		});
	}

	@Test
	void whenUriIsMalformedThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("seastreamer.uri=mem://a b^c").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(stackText(context.getStartupFailure())).contains("streamer 'default': seastreamer.uri")
				.contains("is not a valid streamer URI");
		});
	}

	@Test
	void whenNamedStreamersAreConfiguredThenEachIsConnected() {
		String first = memUri();
		String second = memUri();
		this.contextRunner
			.withPropertyValues("seastreamer.uri=" + first, "seastreamer.streamers.audit.uri=" + second,
					"seastreamer.streamers.archive.uri=" + first)
			.run((context) -> {
				Streamers streamers = context.getBean(Streamers.class);
				assertThat(streamers.names()).containsExactly("default", "audit", "archive");
				assertThat(streamers.get("audit").uri()).isEqualTo(StreamerUri.parse(second));
				assertThat(streamers.get("archive")).isNotSameAs(streamers.getDefault());
			});
	}

	@Test
	void whenNamedStreamerHasNoUriThenStartupFailsNamingIt() {
		this.contextRunner.withPropertyValues("seastreamer.uri=" + memUri(), "seastreamer.streamers.audit.uri=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackText(context.getStartupFailure())).contains("streamer 'audit'")
					.contains("seastreamer.streamers.audit.uri");
			});
	}

	@Test
	void whenUserDefinesBeansThenOursBackOff() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(Streamer.class).hasSingleBean(StreamTemplate.class);
			assertThat(context.getBean(Streamer.class)).isSameAs(context.getBean(UserBeans.class).streamer);
			assertThat(context.getBean(Streamers.class).getDefault()).isSameAs(context.getBean(Streamer.class));
			assertThat(context.getBean(StreamTemplate.class)).isSameAs(context.getBean(UserBeans.class).template);
			assertThat(context.getBean(PayloadConverter.class)).isSameAs(context.getBean(UserBeans.class).converter);
			assertThat(context.getBean(ListenerErrorHandler.class))
				.isSameAs(context.getBean(UserBeans.class).errorHandler);
		});
	}

	@Test
	void whenUserDefinesAStreamerThenItIsNotDisconnectedByUs() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			Streamer streamer = context.getBean(Streamer.class);
			context.close();
			assertThat(streamer.createGenericProducer(io.github.seastreamer.ProducerOptions.defaults())
				.sendTo(io.github.seastreamer.StreamKey.of("still-open"), "x")
				.get(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
			streamer.close();
		});
	}

	@Test
	void whenContextClosesThenOurStreamersAreDisconnected() {
		this.contextRunner.withPropertyValues("seastreamer.uri=" + memUri()).run((context) -> {
			Streamer streamer = context.getBean(Streamer.class);
			context.close();
			assertThatThrownBy(() -> streamer.createGenericProducer(io.github.seastreamer.ProducerOptions.defaults()))
				.hasMessageContaining("disconnected");
		});
	}

	@Test
	void whenJacksonIsAbsentThenTheSimpleConverterIsUsed() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withPropertyValues("seastreamer.uri=" + memUri())
			.run((context) -> assertThat(context.getBean(PayloadConverter.class))
				.isExactlyInstanceOf(SimplePayloadConverter.class));
	}

	@Test
	void whenConsumerAndListenerPropertiesAreSetThenListenerDefaultsFollowThem() {
		this.contextRunner
			.withPropertyValues("seastreamer.uri=" + memUri(), "seastreamer.consumer.mode=resumable",
					"seastreamer.consumer.group=billing", "seastreamer.consumer.stream-reset=earliest",
					"seastreamer.listener.concurrency=3", "seastreamer.listener.max-in-flight=30",
					"seastreamer.listener.ordered=false", "seastreamer.listener.auto-startup=false")
			.run((context) -> assertThat(context.getBean(StreamListenerDefaults.class))
				.isEqualTo(new StreamListenerDefaults(ConsumerMode.RESUMABLE, "billing", StreamReset.EARLIEST, 3, false,
						30, false)));
	}

	@Test
	void whenRedisUriHasNoHostThenBootsRedisConnectionDetailsGiveTheAddress() {
		this.contextRunner.withUserConfiguration(RedisDetails.class)
			.withPropertyValues("seastreamer.uri=" + memUri())
			.run((context) -> {
				List<HostlessUriResolver> resolvers = context.getBeanProvider(HostlessUriResolver.class)
					.orderedStream()
					.toList();
				StreamerUri resolved = resolvers.stream()
					.map((r) -> r.resolve("redis", ConnectOptions.builder()))
					.filter(java.util.Objects::nonNull)
					.findFirst()
					.orElseThrow();
				assertThat(resolved.toMaskedUriString()).isEqualTo("redis://app:****@redis.example:6380");
				assertThat(resolved.firstNode().userInfo()).contains("app:pw");
			});
	}

	@Test
	void whenHostlessRedisUriCannotConnectThenFailureShowsTheResolvedAddressMasked() {
		this.contextRunner.withUserConfiguration(RedisDetails.class)
			.withPropertyValues("seastreamer.uri=redis://")
			.run((context) -> {
				assertThat(context).hasFailed();
				String text = stackText(context.getStartupFailure());
				if (SeaStreamer.availableSchemes().contains("redis")) {
					assertThat(text).contains("redis.example");
				}
				else {
					assertThat(text).contains("redis://app:****@redis.example:6380");
				}
				assertThat(text).doesNotContain(":pw@");
			});
	}

	@Test
	void whenKafkaUriHasNoHostThenBootsKafkaConnectionDetailsGiveTheBootstrapServers() {
		this.contextRunner.withUserConfiguration(KafkaDetails.class)
			.withPropertyValues("seastreamer.uri=" + memUri())
			.run((context) -> {
				StreamerUri resolved = context.getBeanProvider(HostlessUriResolver.class)
					.orderedStream()
					.map((r) -> r.resolve("kafka", ConnectOptions.builder()))
					.filter(java.util.Objects::nonNull)
					.findFirst()
					.orElseThrow();
				assertThat(resolved.toMaskedUriString()).isEqualTo("kafka://k1:9092,k2:9093");
			});
	}

	@Test
	void whenBootModulesAreAbsentThenNoHostlessResolversAreDefined() {
		this.contextRunner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.data.redis", "org.springframework.boot.kafka"))
			.withPropertyValues("seastreamer.uri=" + memUri())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HostlessUriResolver.class));
	}

	@Test
	void whenNoConnectionDetailsExistThenHostlessUriIsUsedAsGiven() {
		this.contextRunner.withPropertyValues("seastreamer.uri=mem://").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Streamer.class).uri().protocol()).contains("mem");
		});
	}

	@Test
	void whenAListenerIsInvalidThenStartupFailsNamingIt() {
		this.contextRunner.withUserConfiguration(BadListener.class)
			.withPropertyValues("seastreamer.uri=" + memUri())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackText(context.getStartupFailure())).contains("listener 'bad-key'")
					.contains("invalid stream key 'no spaces'");
			});
	}

	@Test
	void configurationMetadataDocumentsEveryProperty() throws Exception {
		String json;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		tools.jackson.databind.JsonNode root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
		List<String> names = new java.util.ArrayList<>();
		for (tools.jackson.databind.JsonNode property : root.get("properties")) {
			names.add(property.get("name").asString());
			assertThat(property.has("description")).as("description of %s", property.get("name")).isTrue();
		}
		assertThat(names).contains("seastreamer.uri", "seastreamer.streamers", "seastreamer.consumer.mode",
				"seastreamer.consumer.group", "seastreamer.consumer.stream-reset",
				"seastreamer.consumer.commit-interval", "seastreamer.listener.concurrency",
				"seastreamer.listener.max-in-flight", "seastreamer.listener.shutdown-timeout");
		try (InputStream in = new ClassPathResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.getInputStream()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.contains(SeaStreamerAutoConfiguration.class.getName());
		}
	}

	private static String stackText(Throwable failure) {
		java.io.StringWriter out = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final Streamer streamer = SeaStreamer.connect("mem://user-" + UUID.randomUUID());

		final StreamTemplate template = new StreamTemplate(
				new Streamers(java.util.Map.of(Streamers.DEFAULT, this.streamer)), new SimplePayloadConverter(),
				List.of(), Duration.ofSeconds(1));

		final PayloadConverter converter = new SimplePayloadConverter();

		final ListenerErrorHandler errorHandler = (container, message, error) -> CompletableFuture
			.completedFuture(null);

		@Bean(destroyMethod = "")
		Streamer userStreamer() {
			return this.streamer;
		}

		@Bean
		StreamTemplate userTemplate() {
			return this.template;
		}

		@Bean
		PayloadConverter userConverter() {
			return this.converter;
		}

		@Bean
		ListenerErrorHandler userErrorHandler() {
			return this.errorHandler;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RedisDetails {

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			return new DataRedisConnectionDetails() {

				@Override
				public String getUsername() {
					return "app";
				}

				@Override
				public String getPassword() {
					return "pw";
				}

				@Override
				public Standalone getStandalone() {
					return Standalone.of("redis.example", 6380, 2);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KafkaDetails {

		@Bean
		KafkaConnectionDetails kafkaConnectionDetails() {
			return () -> List.of("k1:9092", "k2:9093");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadListener {

		@Bean
		Object badListenerBean() {
			return new Object() {

				@StreamListener(id = "bad-key", streams = "no spaces")
				void handle(String payload) {
				}

			};
		}

	}

}
