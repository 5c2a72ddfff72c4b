package io.github.seastreamer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords in URIs are masked wherever a URI is shown.
 */
class UriMaskingTests {

	@Test
	void passwordAfterUserIsMasked() {
		assertThat(UriMasking.mask("redis://user:secret@host:6379")).isEqualTo("redis://user:****@host:6379");
	}

	@Test
	void passwordWithoutUserIsMasked() {
		assertThat(UriMasking.mask("redis://:secret@host")).isEqualTo("redis://:****@host");
	}

	@Test
	void userInfoWithoutColonIsTakenAsAPassword() {
		assertThat(UriMasking.mask("redis://secret@host")).isEqualTo("redis://****@host");
	}

	@Test
	void passwordContainingAtSignIsMaskedWhole() {
		assertThat(UriMasking.mask("redis://user:p@ss@host/0")).isEqualTo("redis://user:****@host/0");
	}

	@Test
	void uriWithoutUserInfoIsUnchanged() {
		assertThat(UriMasking.mask("kafka://localhost:9092/a,b")).isEqualTo("kafka://localhost:9092/a,b");
		assertThat(UriMasking.mask("no uri here")).isEqualTo("no uri here");
	}

	@Test
	void atSignAfterTheAuthorityIsNotUserInfo() {
		assertThat(UriMasking.mask("file:///tmp/a@b.ss")).isEqualTo("file:///tmp/a@b.ss");
		assertThat(UriMasking.mask("redis://host/key?user=a@b")).isEqualTo("redis://host/key?user=a@b");
	}

	@Test
	void everyUriOfATextIsMasked() {
		assertThat(UriMasking.mask("failed: redis://a:one@h1, rediss://b:two@h2 and redis://h3"))
			.isEqualTo("failed: redis://a:****@h1, rediss://b:****@h2 and redis://h3");
	}

	@Test
	void nodeWithoutSchemeHasItsPasswordMasked() {
		assertThat(UriMasking.mask("user:secret@host:6379")).isEqualTo("user:****@host:6379");
		assertThat(UriMasking.mask("a:one@h1,b:two@h2")).isEqualTo("a:****@h1,b:****@h2");
	}

	@Test
	void connectErrorsNeverShowThePassword() {
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SeaStreamer.connect("user:s3cret@host:1")))
			.isInstanceOf(ConnectionException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SeaStreamer.connect("bogus://u:s3cret@h/")))
			.isInstanceOf(ConnectionException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
	}

}
