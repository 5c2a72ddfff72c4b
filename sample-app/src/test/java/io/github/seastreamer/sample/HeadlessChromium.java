package io.github.seastreamer.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the DevTools protocol: it opens a page, and
 * {@link #evaluate(String)} runs JavaScript in it and returns the value.
 * <p>
 * The DevTools protocol is used rather than {@code --dump-dom} because the page keeps a
 * server-sent event stream open, which stops {@code --virtual-time-budget} from ever
 * expiring. Every wait is bounded; {@link #close()} kills the browser and deletes its
 * profile directory.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^/\\s]+)/\\S*");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final Path profile;

	private final Process process;

	private final WebSocket socket;

	private HeadlessChromium(String url) throws Exception {
		this.profile = Files.createTempDirectory("chromium-profile");
		this.process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
				"--user-data-dir=" + this.profile, url)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			String browser = devToolsAddress().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			String page = pageSocketUrl(browser.replace("ws://", "http://"));
			this.socket = this.http.newWebSocketBuilder()
				.buildAsync(URI.create(page), new Replies())
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			destroy();
			throw ex;
		}
	}

	/**
	 * Start the browser on a page.
	 * @param url the page to open
	 * @return the browser
	 * @throws Exception if it does not start within 20 seconds
	 */
	static HeadlessChromium open(String url) throws Exception {
		return new HeadlessChromium(url);
	}

	/**
	 * Evaluate a JavaScript expression in the page.
	 * @param expression the expression
	 * @return its value, as JSON
	 * @throws Exception if the browser does not answer within 20 seconds or the
	 * expression throws
	 */
	JsonNode evaluate(String expression) throws Exception {
		int id = this.ids.incrementAndGet();
		ObjectNode command = this.mapper.createObjectNode();
		command.put("id", id);
		command.put("method", "Runtime.evaluate");
		command.putObject("params").put("expression", expression).put("returnByValue", true);
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.pending.put(id, reply);
		this.socket.sendText(this.mapper.writeValueAsString(command), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		JsonNode result = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).path("result");
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException("Expression failed in the page: " + result.path("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	private CompletableFuture<String> devToolsAddress() {
		CompletableFuture<String> address = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader err = new BufferedReader(
					new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = err.readLine()) != null) {
					Matcher matcher = DEVTOOLS.matcher(line);
					if (matcher.find()) {
						address.complete(matcher.group(1));
					}
				}
				address.completeExceptionally(new IllegalStateException("Chromium exited without DevTools address"));
			}
			catch (IOException ex) {
				address.completeExceptionally(ex);
			}
		}, "chromium-stderr");
		reader.setDaemon(true);
		reader.start();
		return address;
	}

	private String pageSocketUrl(String browser) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> list = this.http.send(
					HttpRequest.newBuilder(URI.create(browser + "/json/list")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			for (JsonNode target : this.mapper.readTree(list.body())) {
				if ("page".equals(target.path("type").asString()) && target.has("webSocketDebuggerUrl")) {
					return target.path("webSocketDebuggerUrl").asString();
				}
			}
			// the page target appears a moment after the browser's socket
			CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)).get();
		}
		throw new IllegalStateException("Chromium opened no page within " + TIMEOUT);
	}

	@Override
	public void close() throws IOException {
		this.socket.abort();
		destroy();
	}

	private void destroy() throws IOException {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private final class Replies implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				JsonNode message = HeadlessChromium.this.mapper.readTree(this.text.toString());
				this.text.setLength(0);
				CompletableFuture<JsonNode> reply = HeadlessChromium.this.pending.remove(message.path("id").asInt(-1));
				if (reply != null) {
					reply.complete(message);
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
