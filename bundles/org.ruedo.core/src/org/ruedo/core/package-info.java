/**
 * Ruedo core: the Eclipse side of the build, i.e. the project nature, the incremental builder, problem
 * markers, build consoles and toolchain preferences ({@code resources}). The plain-Java engine it runs
 * (packages {@code org.ruedo.core.manifest}, {@code toolchain}, {@code build}, {@code qemu}, {@code cli})
 * lives in the bundle org.ruedo.engine, which this bundle re-exports, so that Tycho, {@code ./ruedo} and
 * {@code bench/run} compile it one way.
 */
package org.ruedo.core;
