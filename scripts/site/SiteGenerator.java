import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the site pages that are derived from build outputs, so that none of them is
 * written by hand: the configuration reference (from the Spring configuration metadata
 * that the configuration processor writes into sea-streamer-autoconfigure) and the
 * benchmark page with its SVG charts (from the results file of scripts/bench-all.sh).
 * <p>
 * Run by the root pom in the {@code pre-site} phase as a single-file Java program (JDK
 * only, no dependency):
 * {@code java scripts/site/SiteGenerator.java --metadata M --results R --output DIR}.
 * It writes {@code DIR/markdown/configuration.md}, {@code DIR/markdown/benchmarks.md} and
 * {@code DIR/resources/bench/*.svg}; maven-site-plugin renders them with the hand-written
 * pages. A missing or malformed input fails the build with a message naming the file and
 * how to produce it.
 */
public final class SiteGenerator {

	private SiteGenerator() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i], args[i + 1]);
		}
		Path metadata = Path.of(required(options, "--metadata"));
		Path results = Path.of(required(options, "--results"));
		Path output = Path.of(required(options, "--output"));
		if (!Files.isRegularFile(metadata)) {
			fail(metadata + " does not exist: build the starter first (./mvnw -B install -DskipTests), "
					+ "its configuration processor writes it");
		}
		if (!Files.isRegularFile(results)) {
			fail(results + " does not exist: run scripts/bench-all.sh to produce it");
		}
		Path markdown = Files.createDirectories(output.resolve("markdown"));
		Path charts = Files.createDirectories(output.resolve("resources/bench"));
		write(markdown.resolve("configuration.md"), configurationPage(parse(metadata)));
		Map<String, Object> bench = asMap(parse(results), results + ": top level");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Object row : asList(bench.get("results"), results + ": results")) {
			rows.add(asMap(row, results + ": a result"));
		}
		write(charts.resolve("ratios.svg"), ratioChart(rows));
		write(charts.resolve("throughput.svg"), throughputChart(rows));
		List<Map<String, Object>> listener = new ArrayList<>();
		for (Object row : asList(bench.get("listener"), results + ": listener")) {
			listener.add(asMap(row, results + ": a listener result"));
		}
		write(charts.resolve("listener.svg"), listenerChart(listener));
		write(markdown.resolve("benchmarks.md"), benchmarkPage(bench, rows, listener));
		System.out.println("SiteGenerator: wrote configuration.md, benchmarks.md and 3 charts under " + output);
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			fail("missing argument " + name
					+ " (usage: SiteGenerator --metadata FILE --results FILE --output DIR)");
		}
		return value;
	}

	private static void fail(String message) {
		System.err.println("SiteGenerator: " + message);
		System.exit(1);
	}

	private static void write(Path file, String text) throws IOException {
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	// ---------------------------------------------------------------- configuration

	static String configurationPage(Object metadata) {
		Map<String, Object> root = asMap(metadata, "configuration metadata");
		Map<String, Map<String, Object>> properties = new TreeMap<>();
		for (Object item : asList(root.get("properties"), "configuration metadata: properties")) {
			Map<String, Object> property = asMap(item, "configuration metadata: a property");
			properties.put(String.valueOf(property.get("name")), property);
		}
		Map<String, List<Map<String, Object>>> sections = new TreeMap<>();
		for (Map<String, Object> property : properties.values()) {
			sections.computeIfAbsent(section(String.valueOf(property.get("name"))), (k) -> new ArrayList<>())
				.add(property);
		}
		StringBuilder page = new StringBuilder();
		page.append("# Configuration reference\n\n");
		page.append("Every `seastreamer.*` property of the Spring Boot starter, generated at build time from the ")
			.append("configuration metadata (`META-INF/spring-configuration-metadata.json`) that Spring Boot's ")
			.append("configuration processor writes from the Javadoc of `SeaStreamerProperties`. ")
			.append("The same metadata gives IDEs their completion. ")
			.append(properties.size())
			.append(" properties.\n\n");
		page.append("Durations accept Spring Boot's formats (`500ms`, `10s`, `1m`, or ISO-8601 such as `PT10S`). ")
			.append("Map-valued properties take a name in the key, for example ")
			.append("`seastreamer.streamers.audit.uri`.\n\n");
		for (Map.Entry<String, List<Map<String, Object>>> section : sections.entrySet()) {
			page.append("## ").append(section.getKey()).append("\n\n");
			page.append("| Property | Type | Default | Description |\n| --- | --- | --- | --- |\n");
			for (Map<String, Object> property : section.getValue()) {
				page.append("| `")
					.append(property.get("name"))
					.append("` | ")
					.append(cell(simpleType(String.valueOf(property.getOrDefault("type", "")))))
					.append(" | ")
					.append(defaultValue(property.get("defaultValue")))
					.append(" | ")
					.append(cell(description(property)))
					.append(" |\n");
			}
			page.append("\n");
		}
		return page.toString();
	}

	private static String section(String name) {
		String[] parts = name.split("\\.");
		if (parts.length <= 2) {
			return "seastreamer";
		}
		return parts[0] + "." + parts[1];
	}

	private static String description(Map<String, Object> property) {
		String text = String.valueOf(property.getOrDefault("description", "")).replaceAll("\\s+", " ").trim();
		// URIs as code, so that Markdown does not turn "redis://" into a (broken) link
		text = text.replaceAll("\"?\\b([a-z][a-z0-9+.-]*://[^\\s\"'),;]*)\"?", "`$1`");
		Object deprecation = property.get("deprecation");
		if (deprecation instanceof Map<?, ?> map) {
			text = "**Deprecated**" + ((map.get("replacement") != null) ? " (use `" + map.get("replacement") + "`)" : "")
					+ ". " + text;
		}
		return text;
	}

	private static String defaultValue(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof List<?> list) {
			List<String> items = new ArrayList<>();
			list.forEach((item) -> items.add(String.valueOf(item)));
			return "`" + cell(String.join(",", items)) + "`";
		}
		if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
			return "`" + number.longValue() + "`";
		}
		return "`" + cell(String.valueOf(value)) + "`";
	}

	static String simpleType(String type) {
		// java.util.Map<java.lang.String,a.b.C$D> -> Map<String,C.D>
		return type.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+", "").replace('$', '.');
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
	}

	// ---------------------------------------------------------------- benchmarks

	private static final String[] COLORS = { "#1f6feb", "#9ec5fe", "#e36209", "#ffc58f" };

	static String benchmarkPage(Map<String, Object> bench, List<Map<String, Object>> rows,
			List<Map<String, Object>> listener) {
		Map<String, Object> machine = asMap(bench.getOrDefault("machine", Map.of()), "machine");
		Map<String, Object> versions = asMap(bench.getOrDefault("versions", Map.of()), "versions");
		StringBuilder page = new StringBuilder();
		page.append("# Benchmarks\n\n");
		page.append("Generated at build time from `src/site/resources/bench/results.json`, the file written by ")
			.append("`scripts/bench-all.sh`; the charts are drawn from it by the build, none by hand.\n\n");
		page.append("Each backend runs `./sea-streamer bench`: it produces then consumes the same messages ")
			.append("through SeaStreamer and through the backend's raw client, in the same run, warmed up. ")
			.append("The machine is shared and small, so compare the **ratios** of one run rather than ")
			.append("absolute rates across runs (see [the CLI page](cli.html#bench) for the method). ")
			.append("Even a ratio varies from run to run on two cores shared by the client, the server and ")
			.append("the raw baseline (by a third either way in a series of runs of one command on a quiet ")
			.append("machine): this page shows one run; targets are judged on the median of repeated runs.\n\n");
		page.append("## Run\n\n| | |\n| --- | --- |\n");
		page.append("| Date | ").append(cell(str(bench.get("date")))).append(" |\n");
		page.append("| Command | `").append(cell(str(bench.get("command")))).append("` |\n");
		page.append("| Messages per backend | ").append(integer(bench.get("messages"))).append(" |\n");
		page.append("| Payload size | ").append(integer(bench.get("size"))).append(" bytes |\n");
		page.append("| CPU | ").append(cell(str(machine.get("cpu")))).append(" |\n");
		page.append("| Cores (`nproc`) | ").append(integer(machine.get("nproc"))).append(" |\n");
		page.append("| Memory | ").append(integer(machine.get("memory_mib"))).append(" MiB |\n");
		page.append("| OS | ").append(cell(str(machine.get("os")))).append(" |\n");
		if (machine.containsKey("load_average_before")) {
			page.append("| Load average (1 min) before / after | ")
				.append(String.format(Locale.ROOT, "%.1f / %.1f", number(machine.get("load_average_before")),
						number(machine.get("load_average_after"))))
				.append(" (other work on the machine during the run) |\n");
		}
		for (Map.Entry<String, Object> version : versions.entrySet()) {
			page.append("| ").append(cell(version.getKey())).append(" | ").append(cell(str(version.getValue())))
				.append(" |\n");
		}
		page.append("\n## Ratio to the raw client\n\n");
		page.append("1.0 means as fast as the backend's own client doing the same work; above 1.0, faster.\n\n");
		page.append("![Ratio of SeaStreamer's rate to the raw client's rate, per backend](bench/ratios.svg)\n\n");
		page.append("## Throughput\n\n");
		page.append("Messages per second, logarithmic scale.\n\n");
		page.append("![Messages per second, SeaStreamer and raw client, per backend](bench/throughput.svg)\n\n");
		page.append("## Figures\n\n");
		page.append("| Backend | Produce msg/s | Raw produce msg/s | Produce ratio | Consume msg/s | Raw consume msg/s | Consume ratio |\n");
		page.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Map<String, Object> row : rows) {
			page.append("| ").append(cell(str(row.get("name"))))
				.append(" | ").append(rate(row.get("produce_msg_s")))
				.append(" | ").append(rate(row.get("raw_produce_msg_s")))
				.append(" | ").append(ratio(row.get("produce_ratio")))
				.append(" | ").append(rate(row.get("consume_msg_s")))
				.append(" | ").append(rate(row.get("raw_consume_msg_s")))
				.append(" | ").append(ratio(row.get("consume_ratio")))
				.append(" |\n");
		}
		page.append("\n## @StreamListener\n\n");
		if (listener.isEmpty()) {
			page.append("No `@StreamListener` figures in this run (see below).\n");
		}
		else {
			page.append("A `@StreamListener` counting the messages of a pre-filled stream, against a plain ")
				.append("`Consumer.next()` loop on the same backend and, on Kafka, against spring-kafka's ")
				.append("`@KafkaListener` in record mode on the same broker and topic (the starter's ")
				.append("`ListenerBenchmark`, best of four rounds after a warm-up, the contenders in the reverse order every other round; each backend ")
				.append("in a JVM of its own, each contender on a streamer of a fresh application context and ")
				.append("timed after a garbage collection). ")
				.append("`@StreamListener` runs in an application without listener metrics (no actuator); ")
				.append("`@StreamListener+metrics` with the starter's Micrometer metrics (a counter and a ")
				.append("timer per message); `@KafkaListener` is compared with the latter, as spring-kafka ")
				.append("times every record when a meter registry exists.\n\n");
			page.append("![Rate of a @StreamListener relative to its baseline, per backend](bench/listener.svg)\n\n");
			page.append("| Backend | Baseline | Listener | Baseline msg/s | Listener msg/s | Ratio |\n");
			page.append("| --- | --- | --- | ---: | ---: | ---: |\n");
			for (Map<String, Object> row : listener) {
				page.append("| ").append(cell(str(row.get("name"))))
					.append(" | ").append(cell(str(row.get("baseline"))))
					.append(" | ").append(cell(str(row.getOrDefault("listener", "@StreamListener"))))
					.append(" | ").append(rate(row.get("baseline_msg_s")))
					.append(" | ").append(rate(row.get("listener_msg_s")))
					.append(" | ").append(ratio(row.get("ratio")))
					.append(" |\n");
			}
		}
		List<Object> skipped = asList(bench.getOrDefault("skipped", List.of()), "skipped");
		if (!skipped.isEmpty()) {
			page.append("\n## Not measured in this run\n\n");
			for (Object item : skipped) {
				Map<String, Object> skip = asMap(item, "a skipped entry");
				page.append("- **").append(cell(str(skip.get("name")))).append("**: ")
					.append(cell(str(skip.get("reason")))).append("\n");
			}
		}
		page.append("\n## The raw lines\n\n```\n");
		for (Map<String, Object> row : rows) {
			page.append(str(row.get("result"))).append("\n");
		}
		for (Map<String, Object> row : listener) {
			page.append(str(row.get("result"))).append("\n");
		}
		page.append("```\n");
		return page.toString();
	}

	static String ratioChart(List<Map<String, Object>> rows) {
		double max = 1.2;
		for (Map<String, Object> row : rows) {
			max = Math.max(max, number(row.get("produce_ratio")) * 1.1);
			max = Math.max(max, number(row.get("consume_ratio")) * 1.1);
		}
		String[] series = { "produce_ratio", "consume_ratio" };
		String[] labels = { "produce", "consume" };
		List<double[]> ticks = ratioTicks(max);
		double top = ticks.get(ticks.size() - 1)[1];
		return barChart("SeaStreamer rate / raw client rate", rows, series, labels, new String[] { COLORS[0], COLORS[2] },
				(v) -> v / top, (v) -> String.format(Locale.ROOT, "%.2f", v), ticks, 1.0 / top);
	}

	static String listenerChart(List<Map<String, Object>> listener) {
		double max = 1.2;
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Map<String, Object> row : listener) {
			max = Math.max(max, number(row.get("ratio")) * 1.1);
			Map<String, Object> labelled = new LinkedHashMap<>(row);
			String label = str(row.get("name"));
			if (str(row.getOrDefault("listener", "")).endsWith("+metrics")) {
				label += " +metrics";
			}
			if (str(row.get("baseline")).startsWith("@Kafka")) {
				label += " (vs @KafkaListener)";
			}
			labelled.put("name", label);
			rows.add(labelled);
		}
		List<double[]> ticks = ratioTicks(max);
		double top = ticks.get(ticks.size() - 1)[1];
		return barChart("@StreamListener rate / baseline rate", rows, new String[] { "ratio" },
				new String[] { "@StreamListener vs baseline" }, new String[] { COLORS[0] }, (v) -> v / top,
				(v) -> String.format(Locale.ROOT, "%.2f", v), ticks, 1.0 / top);
	}

	static String throughputChart(List<Map<String, Object>> rows) {
		double max = 1;
		for (Map<String, Object> row : rows) {
			for (String key : new String[] { "produce_msg_s", "raw_produce_msg_s", "consume_msg_s", "raw_consume_msg_s" }) {
				max = Math.max(max, number(row.get(key)));
			}
		}
		double low = 3;
		double high = Math.max(low + 1, Math.ceil(Math.log10(max)));
		String[] series = { "produce_msg_s", "raw_produce_msg_s", "consume_msg_s", "raw_consume_msg_s" };
		String[] labels = { "produce", "raw produce", "consume", "raw consume" };
		List<double[]> ticks = new ArrayList<>();
		for (double e = low; e <= high; e++) {
			ticks.add(new double[] { (e - low) / (high - low), Math.pow(10, e) });
		}
		return barChart("messages per second (log scale)", rows, series, labels, COLORS,
				(v) -> (v <= 0) ? 0 : Math.max(0, (Math.log10(v) - low) / (high - low)), SiteGenerator::compact, ticks,
				-1);
	}

	/** About six readable ticks from 0 to at least {@code max}: steps of 0.2, 0.5, 1, 2, 5, 10, ... */
	private static List<double[]> ratioTicks(double max) {
		double step = 0.2;
		double[] multipliers = { 2.5, 2, 2.5 };
		for (int i = 0; max / step > 7; i++) {
			step *= multipliers[i % multipliers.length];
		}
		double top = Math.ceil(max / step - 1e-9) * step;
		return ticks(0, top, step);
	}

	private static List<double[]> ticks(double from, double to, double step) {
		List<double[]> ticks = new ArrayList<>();
		for (double v = from; v <= to + 1e-9; v += step) {
			ticks.add(new double[] { v / to, v });
		}
		return ticks;
	}

	interface Scale {

		double apply(double value);

	}

	interface Format {

		String apply(double value);

	}

	/**
	 * Horizontal grouped bars: one group per backend, one bar per series.
	 */
	private static String barChart(String title, List<Map<String, Object>> rows, String[] series, String[] labels,
			String[] colors, Scale scale, Format format, List<double[]> ticks, double referenceLine) {
		int left = 180;
		int plot = 560;
		int bar = 16;
		int gap = 14;
		int top = 40;
		int groupHeight = series.length * bar + gap;
		int height = top + Math.max(1, rows.size()) * groupHeight + 60;
		int width = left + plot + 90;
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
			.append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
			.append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
		svg.append("<title>").append(xml(title)).append("</title>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append("<text x=\"").append(left).append("\" y=\"20\" font-weight=\"bold\">").append(xml(title))
			.append("</text>\n");
		int bottom = top + Math.max(1, rows.size()) * groupHeight;
		for (double[] tick : ticks) {
			double x = left + tick[0] * plot;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e1e4e8\"/>\n", x, top - 4, x, bottom));
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#57606a\">%s</text>\n", x, bottom + 16,
					xml(format.apply(tick[1]))));
		}
		if (referenceLine >= 0) {
			double x = left + referenceLine * plot;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>\n",
					x, top - 8, x, bottom));
		}
		int y = top;
		for (Map<String, Object> row : rows) {
			svg.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + series.length * bar / 2 + 4)
				.append("\" text-anchor=\"end\" font-weight=\"bold\">").append(xml(str(row.get("name"))))
				.append("</text>\n");
			for (int s = 0; s < series.length; s++) {
				double value = number(row.get(series[s]));
				double length = Math.min(1, Math.max(0, scale.apply(value))) * plot;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %s</title></rect>\n",
						left, y, length, bar - 2, colors[s % colors.length], xml(str(row.get("name"))),
						xml(labels[s]), xml(format.apply(value))));
				svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#24292f\">%s</text>\n",
						left + length + 4, y + bar - 4, xml(format.apply(value))));
				y += bar;
			}
			y += gap;
		}
		int legendX = left;
		for (int s = 0; s < series.length; s++) {
			svg.append("<rect x=\"").append(legendX).append("\" y=\"").append(bottom + 30)
				.append("\" width=\"12\" height=\"12\" fill=\"").append(colors[s % colors.length]).append("\"/>\n");
			svg.append("<text x=\"").append(legendX + 16).append("\" y=\"").append(bottom + 40).append("\">")
				.append(xml(labels[s])).append("</text>\n");
			legendX += 30 + labels[s].length() * 7;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static String compact(double value) {
		if (value >= 1e6) {
			return String.format(Locale.ROOT, "%.1fM", value / 1e6);
		}
		if (value >= 1e3) {
			return String.format(Locale.ROOT, "%.0fk", value / 1e3);
		}
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private static String rate(Object value) {
		return (value == null) ? "–" : String.format(Locale.ROOT, "%,.0f", number(value));
	}

	private static String ratio(Object value) {
		return (value == null) ? "–" : String.format(Locale.ROOT, "%.2f", number(value));
	}

	private static String integer(Object value) {
		return (value == null) ? "–" : String.format(Locale.ROOT, "%d", (long) number(value));
	}

	private static double number(Object value) {
		return (value instanceof Double d) ? d : 0.0;
	}

	private static String str(Object value) {
		return (value == null) ? "" : String.valueOf(value);
	}

	private static String xml(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	// ---------------------------------------------------------------- JSON

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value, String what) {
		if (value instanceof Map<?, ?>) {
			return (Map<String, Object>) value;
		}
		throw new IllegalArgumentException(what + " is not a JSON object");
	}

	@SuppressWarnings("unchecked")
	static List<Object> asList(Object value, String what) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?>) {
			return (List<Object>) value;
		}
		throw new IllegalArgumentException(what + " is not a JSON array");
	}

	static Object parse(Path file) throws IOException {
		try {
			return new Json(Files.readString(file, StandardCharsets.UTF_8)).document();
		}
		catch (IllegalArgumentException ex) {
			fail(file + " is not valid JSON: " + ex.getMessage());
			return null;
		}
	}

	/** A small strict JSON reader: objects, arrays, strings, numbers (as Double), booleans, null. */
	static final class Json {

		private final String text;

		private int pos;

		Json(String text) {
			this.text = text;
		}

		Object document() {
			Object value = value();
			space();
			if (this.pos != this.text.length()) {
				throw error("trailing characters");
			}
			return value;
		}

		private Object value() {
			space();
			if (this.pos >= this.text.length()) {
				throw error("unexpected end");
			}
			char c = this.text.charAt(this.pos);
			switch (c) {
				case '{':
					return object();
				case '[':
					return array();
				case '"':
					return string();
				case 't':
					return literal("true", Boolean.TRUE);
				case 'f':
					return literal("false", Boolean.FALSE);
				case 'n':
					return literal("null", null);
				default:
					return number();
			}
		}

		private Map<String, Object> object() {
			Map<String, Object> map = new LinkedHashMap<>();
			this.pos++;
			space();
			if (peek() == '}') {
				this.pos++;
				return map;
			}
			while (true) {
				space();
				if (peek() != '"') {
					throw error("expected a key");
				}
				String key = string();
				space();
				expect(':');
				map.put(key, value());
				space();
				if (peek() == ',') {
					this.pos++;
					continue;
				}
				expect('}');
				return map;
			}
		}

		private List<Object> array() {
			List<Object> list = new ArrayList<>();
			this.pos++;
			space();
			if (peek() == ']') {
				this.pos++;
				return list;
			}
			while (true) {
				list.add(value());
				space();
				if (peek() == ',') {
					this.pos++;
					continue;
				}
				expect(']');
				return list;
			}
		}

		private String string() {
			StringBuilder out = new StringBuilder();
			this.pos++;
			while (true) {
				if (this.pos >= this.text.length()) {
					throw error("unterminated string");
				}
				char c = this.text.charAt(this.pos++);
				if (c == '"') {
					return out.toString();
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char e = this.text.charAt(this.pos++);
				switch (e) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'r' -> out.append('\r');
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'u' -> {
						out.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
						this.pos += 4;
					}
					default -> out.append(e);
				}
			}
		}

		private Double number() {
			int start = this.pos;
			while (this.pos < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.pos)) >= 0) {
				this.pos++;
			}
			if (start == this.pos) {
				throw error("unexpected character '" + this.text.charAt(this.pos) + "'");
			}
			try {
				return Double.valueOf(this.text.substring(start, this.pos));
			}
			catch (NumberFormatException ex) {
				throw error("bad number");
			}
		}

		private Object literal(String word, Object value) {
			if (!this.text.startsWith(word, this.pos)) {
				throw error("unexpected token");
			}
			this.pos += word.length();
			return value;
		}

		private void expect(char c) {
			if (peek() != c) {
				throw error("expected '" + c + "'");
			}
			this.pos++;
		}

		private char peek() {
			return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
		}

		private void space() {
			while (this.pos < this.text.length() && Character.isWhitespace(this.text.charAt(this.pos))) {
				this.pos++;
			}
		}

		private IllegalArgumentException error(String message) {
			return new IllegalArgumentException(message + " at offset " + this.pos);
		}

	}

}
