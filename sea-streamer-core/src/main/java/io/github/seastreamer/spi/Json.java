package io.github.seastreamer.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.seastreamer.Utf8;
import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader and compact writer that re-serializes a document the way the Rust
 * tools (serde_json) do: object keys sorted, later duplicate keys winning, integers kept
 * as they are when they fit an unsigned or signed 64-bit integer, every other number
 * printed as the shortest double that reads back the same (Ryu layout: {@code 150.0},
 * {@code 1e16}, {@code 1e-7}), strings escaped minimally.
 *
 * <p>
 * The one JSON code of the project, for backends and tools that print what the Rust tools
 * print (ss-decode's NDJSON, {@code consume --format ndjson}); not meant as a general
 * JSON library for applications.
 *
 * <p>
 * Stateless and thread-safe. Nesting deeper than 127 levels is rejected, as serde_json
 * does.
 */
public final class Json {

	/** The JSON {@code null} value in the document model. */
	public static final Object NULL = new Object() {
		@Override
		public String toString() {
			return "null";
		}
	};

	private static final int MAX_DEPTH = 127;

	private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

	private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

	private Json() {
	}

	/**
	 * Re-serialize a JSON text compactly with sorted object keys.
	 * @param text the JSON text
	 * @return the compact form, or {@code null} if the text is not valid JSON
	 */
	public static @Nullable String reserialize(String text) {
		Object value;
		try {
			value = parse(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		StringBuilder out = new StringBuilder(text.length());
		write(out, value);
		return out.toString();
	}

	/**
	 * Parse a JSON text into the document model: {@link #NULL}, {@link Boolean},
	 * {@link String}, {@link Long} (signed) or {@link UnsignedLong}, {@link Double},
	 * {@link List}, and sorted {@link Map}.
	 * @param text the text
	 * @return the value
	 * @throws IllegalArgumentException naming the offset if the text is not valid JSON
	 */
	public static Object parse(String text) {
		Reader reader = new Reader(text);
		reader.skipWhitespace();
		Object value = reader.readValue(0);
		reader.skipWhitespace();
		if (reader.pos != text.length()) {
			throw reader.error("trailing characters");
		}
		return value;
	}

	/**
	 * Append the compact JSON form of a value of the document model.
	 * @param out where to write
	 * @param value the value
	 */
	public static void write(StringBuilder out, Object value) {
		if (value == NULL) {
			out.append("null");
		}
		else if (value instanceof Boolean || value instanceof Long) {
			out.append(value);
		}
		else if (value instanceof UnsignedLong u) {
			out.append(Long.toUnsignedString(u.value()));
		}
		else if (value instanceof Double d) {
			writeDouble(out, d);
		}
		else if (value instanceof String s) {
			writeString(out, s);
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(out, list.get(i));
			}
			out.append(']');
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				writeString(out, (String) entry.getKey());
				out.append(':');
				write(out, entry.getValue());
			}
			out.append('}');
		}
		else {
			throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
		}
	}

	/**
	 * Append a JSON string literal: quote, backslash and control characters escaped
	 * ({@code \b \f \n \r \t}, others as backslash-u00xx), everything else verbatim.
	 * @param out where to write
	 * @param s the string
	 */
	public static void writeString(StringBuilder out, String s) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append("\\u00")
							.append(Character.forDigit(c >> 4, 16))
							.append(Character.forDigit(c & 15, 16));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/**
	 * Append a finite double in Ryu's layout with the shortest digits that read back as
	 * the same double.
	 * @param out where to write
	 * @param d the value
	 */
	public static void writeDouble(StringBuilder out, double d) {
		if (Double.isNaN(d) || Double.isInfinite(d)) {
			throw new IllegalArgumentException("not a finite number: " + d);
		}
		if (Double.doubleToRawLongBits(d) < 0) {
			out.append('-');
		}
		double abs = Math.abs(d);
		if (abs == 0) {
			out.append("0.0");
			return;
		}
		BigDecimal exact = new BigDecimal(abs);
		BigDecimal shortest = exact;
		for (int precision = 1; precision <= 17; precision++) {
			BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (rounded.doubleValue() == abs) {
				shortest = rounded;
				break;
			}
		}
		shortest = shortest.stripTrailingZeros();
		String digits = shortest.unscaledValue().toString();
		int length = digits.length();
		int k = -shortest.scale();
		int kk = length + k;
		if (k >= 0 && kk <= 16) {
			out.append(digits);
			out.append("0".repeat(k));
			out.append(".0");
		}
		else if (kk > 0 && kk <= 16) {
			out.append(digits, 0, kk).append('.').append(digits, kk, length);
		}
		else if (kk > -5 && kk <= 0) {
			out.append("0.").append("0".repeat(-kk)).append(digits);
		}
		else {
			out.append(digits.charAt(0));
			if (length > 1) {
				out.append('.').append(digits, 1, length);
			}
			out.append('e').append(kk - 1);
		}
	}

	/**
	 * Append a payload the way ss-decode prints it in NDJSON: valid UTF-8 that is a JSON
	 * document as that document re-serialized ({@link #reserialize}), other valid UTF-8
	 * as a JSON string, anything else as an array of byte values.
	 * @param out where to write
	 * @param data the bytes holding the payload
	 * @param offset where the payload starts
	 * @param length its length
	 */
	public static void writePayload(StringBuilder out, byte[] data, int offset, int length) {
		if (Utf8.isValid(data, offset, length)) {
			String text = new String(data, offset, length, StandardCharsets.UTF_8);
			String json = reserialize(text);
			if (json != null) {
				out.append(json);
			}
			else {
				writeString(out, text);
			}
			return;
		}
		out.append('[');
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(data[offset + i] & 0xFF);
		}
		out.append(']');
	}

	/**
	 * An unsigned 64-bit integer above {@link Long#MAX_VALUE} or any non-negative integer
	 * as written.
	 *
	 * @param value the bits, read as unsigned
	 */
	public record UnsignedLong(long value) {

	}

	private static final class Reader {

		private final String text;

		private int pos;

		Reader(String text) {
			this.text = text;
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException(what + " at offset " + this.pos);
		}

		void skipWhitespace() {
			while (this.pos < this.text.length()) {
				char c = this.text.charAt(this.pos);
				if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
					return;
				}
				this.pos++;
			}
		}

		Object readValue(int depth) {
			if (this.pos >= this.text.length()) {
				throw error("unexpected end of input");
			}
			char c = this.text.charAt(this.pos);
			switch (c) {
				case '{':
					return readObject(depth + 1);
				case '[':
					return readArray(depth + 1);
				case '"':
					return readString();
				case 't':
					expectWord("true");
					return Boolean.TRUE;
				case 'f':
					expectWord("false");
					return Boolean.FALSE;
				case 'n':
					expectWord("null");
					return NULL;
				default:
					if (c == '-' || (c >= '0' && c <= '9')) {
						return readNumber();
					}
					throw error("unexpected character `" + c + "`");
			}
		}

		private void expectWord(String word) {
			if (!this.text.startsWith(word, this.pos)) {
				throw error("expected `" + word + "`");
			}
			this.pos += word.length();
		}

		private Map<String, Object> readObject(int depth) {
			if (depth > MAX_DEPTH) {
				throw error("nesting deeper than " + MAX_DEPTH);
			}
			this.pos++;
			Map<String, Object> map = new TreeMap<>();
			skipWhitespace();
			if (peek() == '}') {
				this.pos++;
				return map;
			}
			while (true) {
				skipWhitespace();
				if (peek() != '"') {
					throw error("expected a string key");
				}
				String key = readString();
				skipWhitespace();
				if (peek() != ':') {
					throw error("expected `:`");
				}
				this.pos++;
				skipWhitespace();
				map.put(key, readValue(depth));
				skipWhitespace();
				char c = peek();
				this.pos++;
				if (c == '}') {
					return map;
				}
				if (c != ',') {
					this.pos--;
					throw error("expected `,` or `}`");
				}
			}
		}

		private List<Object> readArray(int depth) {
			if (depth > MAX_DEPTH) {
				throw error("nesting deeper than " + MAX_DEPTH);
			}
			this.pos++;
			List<Object> list = new ArrayList<>();
			skipWhitespace();
			if (peek() == ']') {
				this.pos++;
				return list;
			}
			while (true) {
				skipWhitespace();
				list.add(readValue(depth));
				skipWhitespace();
				char c = peek();
				this.pos++;
				if (c == ']') {
					return list;
				}
				if (c != ',') {
					this.pos--;
					throw error("expected `,` or `]`");
				}
			}
		}

		private char peek() {
			if (this.pos >= this.text.length()) {
				throw error("unexpected end of input");
			}
			return this.text.charAt(this.pos);
		}

		private String readString() {
			this.pos++;
			StringBuilder out = new StringBuilder();
			while (true) {
				char c = peek();
				this.pos++;
				if (c == '"') {
					return out.toString();
				}
				if (c < 0x20) {
					this.pos--;
					throw error("control character in string");
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char e = peek();
				this.pos++;
				switch (e) {
					case '"' -> out.append('"');
					case '\\' -> out.append('\\');
					case '/' -> out.append('/');
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						char unit = readHex4();
						if (Character.isHighSurrogate(unit)) {
							if (!this.text.startsWith("\\u", this.pos)) {
								throw error("lone leading surrogate");
							}
							this.pos += 2;
							char low = readHex4();
							if (!Character.isLowSurrogate(low)) {
								throw error("invalid low surrogate");
							}
							out.append(unit).append(low);
						}
						else if (Character.isLowSurrogate(unit)) {
							throw error("lone trailing surrogate");
						}
						else {
							out.append(unit);
						}
					}
					default -> {
						this.pos--;
						throw error("invalid escape `\\" + e + "`");
					}
				}
			}
		}

		private char readHex4() {
			if (this.pos + 4 > this.text.length()) {
				throw error("unexpected end of input in \\u escape");
			}
			int value = 0;
			for (int i = 0; i < 4; i++) {
				int digit = Character.digit(this.text.charAt(this.pos + i), 16);
				if (digit < 0) {
					throw error("invalid \\u escape");
				}
				value = (value << 4) | digit;
			}
			this.pos += 4;
			return (char) value;
		}

		private Object readNumber() {
			int start = this.pos;
			boolean negative = false;
			if (peek() == '-') {
				negative = true;
				this.pos++;
			}
			char c = peek();
			if (c == '0') {
				this.pos++;
			}
			else if (c >= '1' && c <= '9') {
				skipDigits();
			}
			else {
				throw error("expected a digit");
			}
			boolean integer = true;
			if (this.pos < this.text.length() && this.text.charAt(this.pos) == '.') {
				integer = false;
				this.pos++;
				if (!isDigit()) {
					throw error("expected a digit after `.`");
				}
				skipDigits();
			}
			if (this.pos < this.text.length()
					&& (this.text.charAt(this.pos) == 'e' || this.text.charAt(this.pos) == 'E')) {
				integer = false;
				this.pos++;
				if (this.pos < this.text.length()
						&& (this.text.charAt(this.pos) == '+' || this.text.charAt(this.pos) == '-')) {
					this.pos++;
				}
				if (!isDigit()) {
					throw error("expected a digit in exponent");
				}
				skipDigits();
			}
			String number = this.text.substring(start, this.pos);
			if (integer) {
				BigInteger value = new BigInteger(number);
				if (!negative && value.compareTo(U64_MAX) <= 0) {
					return new UnsignedLong(value.longValue());
				}
				if (negative && value.signum() < 0 && value.compareTo(I64_MIN) >= 0) {
					return value.longValue();
				}
			}
			double d = Double.parseDouble(number);
			if (Double.isInfinite(d)) {
				this.pos = start;
				throw error("number out of range");
			}
			return d;
		}

		private boolean isDigit() {
			return this.pos < this.text.length() && this.text.charAt(this.pos) >= '0'
					&& this.text.charAt(this.pos) <= '9';
		}

		private void skipDigits() {
			while (isDigit()) {
				this.pos++;
			}
		}

	}

}
