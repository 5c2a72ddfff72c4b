/**
 * The {@code seastreamer} actuator endpoint.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
