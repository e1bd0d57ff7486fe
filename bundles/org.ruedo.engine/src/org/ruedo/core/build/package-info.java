/**
 * The build engine (plain Java, no OSGi): {@link org.ruedo.core.build.BuildEngine} compiles a project's
 * kernel and app sources in parallel and links them with exactly the commands of docs/CONTRACTS.md
 * sections 2-3, incrementally ({@code .d}, {@code .cmd} and {@code .log} files next to each object);
 * {@link org.ruedo.core.build.DiagnosticParser} turns gcc/gas/ld output into
 * {@link org.ruedo.core.build.Problem}s; {@link org.ruedo.core.build.Builds} is the one-call entry the
 * CLI commands use. The Eclipse builder (org.ruedo.core.resources) and the {@code ruedo} CLI both run it.
 */
package org.ruedo.core.build;
