/**
 * Spring Boot auto-configuration for SeaStreamer: {@code seastreamer.*} properties and
 * the beans they drive.
 */
@NullMarked
package io.github.seastreamer.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
