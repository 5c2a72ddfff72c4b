package io.github.seastreamer;

/**
 * Masks the password in the user-info of URIs so they can be logged and shown.
 *
 * <p>
 * {@code redis://user:secret@host} becomes {@code redis://user:****@host}; user-info
 * without a colon is taken as a password (Redis convention) and masked whole. Every
 * URI-like part of a text is masked, so whole lists of nodes can be passed.
 */
public final class UriMasking {

	/** The text that replaces a password. */
	public static final String MASK = "****";

	private UriMasking() {
	}

	/**
	 * Mask every password in the text.
	 * @param text a URI, a list of URIs, or any text containing them
	 * @return the masked text
	 */
	public static String mask(String text) {
		StringBuilder out = null;
		int from = 0;
		int search = 0;
		while (true) {
			int schemeEnd = text.indexOf("://", search);
			if (schemeEnd < 0) {
				break;
			}
			int authorityStart = schemeEnd + 3;
			int authorityEnd = authorityStart;
			while (authorityEnd < text.length() && "/,? \t\n#".indexOf(text.charAt(authorityEnd)) < 0) {
				authorityEnd++;
			}
			int at = text.lastIndexOf('@', authorityEnd - 1);
			if (at >= authorityStart) {
				if (out == null) {
					out = new StringBuilder(text.length());
				}
				String userInfo = text.substring(authorityStart, at);
				int colon = userInfo.indexOf(':');
				out.append(text, from, authorityStart);
				out.append((colon >= 0) ? userInfo.substring(0, colon + 1) + MASK : MASK);
				from = at;
			}
			search = authorityEnd;
		}
		if (out == null) {
			return text;
		}
		out.append(text, from, text.length());
		return out.toString();
	}

}
