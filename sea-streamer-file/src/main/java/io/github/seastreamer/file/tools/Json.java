package io.github.seastreamer.file.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader and compact writer, enough to re-serialize payloads as ss-decode
 * does: objects come out with their keys sorted, numbers re-printed.
 */
final class Json {

	/** JSON null. */
	static final Object NULL = new Object() {
		@Override
		public String toString() {
			return "null";
		}
	};

	private final String text;

	private int pos;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parse a JSON document.
	 * @param text the text
	 * @return a TreeMap, List, String, BigInteger, Double, Boolean or {@link #NULL}; or
	 * {@code null} if the text is not valid JSON
	 */
	static @Nullable Object parse(String text) {
		Json json = new Json(text);
		try {
			json.ws();
			Object value = json.value(0);
			json.ws();
			return (json.pos == text.length()) ? value : null;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	private void ws() {
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				this.pos++;
			}
			else {
				break;
			}
		}
	}

	private Object value(int depth) {
		if (depth > 128) {
			throw new IllegalArgumentException("too deep");
		}
		char c = this.text.charAt(this.pos);
		switch (c) {
			case '{': {
				this.pos++;
				Map<String, Object> map = new TreeMap<>();
				ws();
				if (this.text.charAt(this.pos) == '}') {
					this.pos++;
					return map;
				}
				while (true) {
					ws();
					if (this.text.charAt(this.pos) != '"') {
						throw new IllegalArgumentException();
					}
					String key = string();
					ws();
					expect(':');
					ws();
					map.put(key, value(depth + 1));
					ws();
					char d = this.text.charAt(this.pos++);
					if (d == '}') {
						return map;
					}
					if (d != ',') {
						throw new IllegalArgumentException();
					}
				}
			}
			case '[': {
				this.pos++;
				List<Object> list = new ArrayList<>();
				ws();
				if (this.text.charAt(this.pos) == ']') {
					this.pos++;
					return list;
				}
				while (true) {
					ws();
					list.add(value(depth + 1));
					ws();
					char d = this.text.charAt(this.pos++);
					if (d == ']') {
						return list;
					}
					if (d != ',') {
						throw new IllegalArgumentException();
					}
				}
			}
			case '"':
				return string();
			case 't':
				literal("true");
				return Boolean.TRUE;
			case 'f':
				literal("false");
				return Boolean.FALSE;
			case 'n':
				literal("null");
				return NULL;
			default:
				return number();
		}
	}

	private void expect(char c) {
		if (this.text.charAt(this.pos++) != c) {
			throw new IllegalArgumentException();
		}
	}

	private void literal(String word) {
		if (!this.text.startsWith(word, this.pos)) {
			throw new IllegalArgumentException();
		}
		this.pos += word.length();
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = this.text.charAt(this.pos++);
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw new IllegalArgumentException();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char e = this.text.charAt(this.pos++);
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
					out.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
					this.pos += 4;
				}
				default -> throw new IllegalArgumentException();
			}
		}
	}

	private Object number() {
		int start = this.pos;
		if (this.text.charAt(this.pos) == '-') {
			this.pos++;
		}
		int intStart = this.pos;
		digits();
		if (this.pos == intStart || (this.text.charAt(intStart) == '0' && this.pos - intStart > 1)) {
			throw new IllegalArgumentException();
		}
		boolean integral = true;
		if (this.pos < this.text.length() && this.text.charAt(this.pos) == '.') {
			integral = false;
			this.pos++;
			int f = this.pos;
			digits();
			if (f == this.pos) {
				throw new IllegalArgumentException();
			}
		}
		if (this.pos < this.text.length() && (this.text.charAt(this.pos) == 'e' || this.text.charAt(this.pos) == 'E')) {
			integral = false;
			this.pos++;
			if (this.text.charAt(this.pos) == '+' || this.text.charAt(this.pos) == '-') {
				this.pos++;
			}
			int f = this.pos;
			digits();
			if (f == this.pos) {
				throw new IllegalArgumentException();
			}
		}
		String n = this.text.substring(start, this.pos);
		if (integral) {
			BigInteger big = new BigInteger(n);
			if (big.bitLength() <= 64) {
				return big;
			}
		}
		return Double.parseDouble(n);
	}

	private void digits() {
		while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))
				&& this.text.charAt(this.pos) < 128) {
			this.pos++;
		}
	}

	/**
	 * Write a parsed value compactly.
	 * @param value the value
	 * @param out where to write
	 */
	static void write(Object value, StringBuilder out) {
		if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : map.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				quote((String) e.getKey(), out);
				out.append(':');
				write(e.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else if (value instanceof String s) {
			quote(s, out);
		}
		else if (value instanceof Double d) {
			out.append(formatDouble(d));
		}
		else {
			out.append(value);
		}
	}

	static String formatDouble(double d) {
		if (Double.isNaN(d) || Double.isInfinite(d)) {
			return "null";
		}
		if (d == 0) {
			return (1 / d < 0) ? "-0.0" : "0.0";
		}
		BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
		double abs = Math.abs(d);
		if (abs >= 1e-5 && abs < 1e16) {
			String plain = exact.toPlainString();
			return plain.contains(".") ? plain : plain + ".0";
		}
		String digits = exact.unscaledValue().abs().toString();
		int exponent = digits.length() - 1 - exact.scale();
		StringBuilder out = new StringBuilder();
		if (d < 0) {
			out.append('-');
		}
		out.append(digits.charAt(0));
		if (digits.length() > 1) {
			out.append('.').append(digits, 1, digits.length());
		}
		return out.append('e').append(exponent).toString();
	}

	static void quote(String s, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
