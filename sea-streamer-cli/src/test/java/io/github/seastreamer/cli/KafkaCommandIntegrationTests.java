package io.github.seastreamer.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka acceptance of the CLI against a broker process on 127.0.0.1 started with
 * {@code scripts/kafka-broker.sh}: {@code clock} then {@code consume} print the ticks in
 * order, and Kafka's own console consumer reads the same payloads.
 */
class KafkaCommandIntegrationTests {

	private static final int COUNT = 1000;

	@TempDir
	static Path brokerDir;

	private static int port;

	@BeforeAll
	static void startBroker() throws Exception {
		String out = script("start", brokerDir.toString()).trim();
		port = Integer.parseInt(out.lines().reduce((a, b) -> b).orElseThrow());
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (port != 0) {
			script("stop", brokerDir.toString());
		}
	}

	@Test
	void clockThenConsumePrintsTheTicksInOrderAndKafkasConsoleConsumerReadsTheSamePayloads(@TempDir Path dir)
			throws Exception {
		String stream = "kafka://127.0.0.1:" + port + "/clock";
		Cli.Result clock = Cli.run(dir, new byte[0], "clock", "--stream", stream, "--interval", "0s", "--count",
				Integer.toString(COUNT));
		assertThat(clock.code()).as(clock.err()).isZero();

		Cli.Result consume = Cli.run(dir, new byte[0], "consume", "--stream", stream, "--offset", "start", "--count",
				Integer.toString(COUNT));
		assertThat(consume.code()).as(consume.err()).isZero();
		List<String> lines = consume.outLines();
		assertThat(lines).hasSize(COUNT);
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < COUNT; i++) {
			String line = lines.get(i);
			assertThat(line).startsWith("[").contains(" | clock | " + i + " | 0] ");
			payloads.add(line.substring(line.indexOf("] ") + 2));
		}
		assertThat(payloads.get(0)).isEqualTo("{ \"tick\": 0 }");
		assertThat(payloads.get(COUNT - 1)).isEqualTo("{ \"tick\": " + (COUNT - 1) + " }");

		String classpath = script("classpath").trim();
		Path out = dir.resolve("console.txt");
		Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
				"org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", "127.0.0.1:" + port, "--topic",
				"clock", "--from-beginning", "--max-messages", Integer.toString(COUNT), "--timeout-ms", "60000")
			.redirectOutput(out.toFile())
			.redirectError(dir.resolve("console-err.txt").toFile())
			.start();
		try {
			assertThat(console.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("console consumer finished")
				.isTrue();
		}
		finally {
			console.destroyForcibly();
		}
		assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).isEqualTo(payloads);
	}

	private static String script(String... args) throws Exception {
		Path script = null;
		for (Path candidate = Path.of("").toAbsolutePath(); candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("scripts/kafka-broker.sh"))) {
				script = candidate.resolve("scripts/kafka-broker.sh");
				break;
			}
		}
		assertThat(script).as("scripts/kafka-broker.sh above the module").isNotNull();
		List<String> command = new ArrayList<>(List.of("bash", script.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
		byte[] out = process.getInputStream().readAllBytes();
		byte[] err = process.getErrorStream().readAllBytes();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("kafka-broker.sh finished").isTrue();
		assertThat(process.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
		return new String(out, StandardCharsets.UTF_8);
	}

}
