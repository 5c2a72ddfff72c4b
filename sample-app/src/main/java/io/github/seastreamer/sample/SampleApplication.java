package io.github.seastreamer.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sample application: a trade generator writes to stream {@code trades}, the
 * {@link CandleAggregator} turns trades into one-second candles on stream
 * {@code candles}, and the {@link CandleBoard} keeps the latest ones for the page at
 * {@code /}.
 * <p>
 * The backend is whatever {@code seastreamer.uri} names: a {@code .ss} file by default,
 * Redis or Kafka with the {@code redis} or {@code kafka} profile.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/**
	 * Start the application.
	 * @param args the command line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
