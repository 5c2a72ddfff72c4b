package io.github.seastreamer.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import static org.awaitility.Awaitility.await;

/**
 * A Kafka cluster of broker processes on 127.0.0.1: every node is a combined broker and
 * controller (KRaft), so the quorum survives one stopped node. The jars come from
 * {@code scripts/kafka-broker.sh classpath} (the version Spring Boot manages).
 */
final class KafkaBrokerProcesses implements AutoCloseable {

	private final Path dir;

	private final List<Process> processes = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private KafkaBrokerProcesses(Path dir) {
		this.dir = dir;
	}

	static KafkaBrokerProcesses start(int nodes, Map<String, String> extraProperties) throws Exception {
		Path dir = Files.createTempDirectory("seastreamer-kafka-cluster");
		KafkaBrokerProcesses cluster = new KafkaBrokerProcesses(dir);
		try {
			cluster.launch(nodes, extraProperties);
		}
		catch (Exception | AssertionError ex) {
			cluster.close();
			throw ex;
		}
		return cluster;
	}

	private void launch(int nodes, Map<String, String> extraProperties) throws Exception {
		String classpath = run(List.of("bash", script().toString(), "classpath"), Duration.ofMinutes(5)).trim();
		List<Integer> controllerPorts = new ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			this.ports.add(freePort());
			controllerPorts.add(freePort());
		}
		StringJoiner voters = new StringJoiner(",");
		for (int i = 0; i < nodes; i++) {
			voters.add((i + 1) + "@127.0.0.1:" + controllerPorts.get(i));
		}
		String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
		List<Path> configs = new ArrayList<>();
		for (int i = 0; i < nodes; i++) {
			Path config = this.dir.resolve("node" + (i + 1) + ".properties");
			StringBuilder text = new StringBuilder();
			text.append("process.roles=broker,controller\n");
			text.append("node.id=").append(i + 1).append('\n');
			text.append("controller.quorum.voters=").append(voters).append('\n');
			text.append("listeners=PLAINTEXT://127.0.0.1:")
				.append(this.ports.get(i))
				.append(",CONTROLLER://127.0.0.1:")
				.append(controllerPorts.get(i))
				.append('\n');
			text.append("advertised.listeners=PLAINTEXT://127.0.0.1:").append(this.ports.get(i)).append('\n');
			text.append("controller.listener.names=CONTROLLER\n");
			text.append("inter.broker.listener.name=PLAINTEXT\n");
			text.append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n");
			text.append("log.dirs=").append(this.dir.resolve("data" + (i + 1))).append('\n');
			text.append("group.initial.rebalance.delay.ms=0\n");
			extraProperties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
			Files.writeString(config, text.toString(), StandardCharsets.UTF_8);
			configs.add(config);
			run(List.of(java(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId,
					"-c", config.toString()), Duration.ofMinutes(2));
		}
		for (int i = 0; i < nodes; i++) {
			ProcessBuilder builder = new ProcessBuilder(java(), "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
					"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, "kafka.Kafka",
					configs.get(i).toString());
			builder.redirectErrorStream(true);
			builder.redirectOutput(this.dir.resolve("node" + (i + 1) + ".log").toFile());
			this.processes.add(builder.start());
		}
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == nodes);
		}
	}

	String bootstrapServers() {
		StringJoiner servers = new StringJoiner(",");
		for (int port : this.ports) {
			servers.add("127.0.0.1:" + port);
		}
		return servers.toString();
	}

	/**
	 * Stop one node (SIGTERM: a controlled shutdown) and wait for it.
	 * @param index the node's index, from 0
	 * @throws InterruptedException if interrupted
	 */
	void stop(int index) throws InterruptedException {
		Process process = this.processes.get(index);
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() throws IOException {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
		}
		try (var paths = Files.walk(this.dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

	private static Path script() {
		Path module = Path.of("").toAbsolutePath();
		for (Path candidate = module; candidate != null; candidate = candidate.getParent()) {
			Path script = candidate.resolve("scripts/kafka-broker.sh");
			if (Files.isRegularFile(script)) {
				return script;
			}
		}
		throw new IllegalStateException("scripts/kafka-broker.sh not found above " + module);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String run(List<String> command, Duration timeout) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("command failed: " + command.get(command.size() - 1) + ": "
					+ new String(output, StandardCharsets.UTF_8));
		}
		return new String(output, StandardCharsets.UTF_8);
	}

}
