/**
 * Test support: send to and read from streams in {@code @SpringBootTest}s, typically on
 * {@code mem://}.
 */
@NullMarked
package io.github.seastreamer.spring.test;

import org.jspecify.annotations.NullMarked;
