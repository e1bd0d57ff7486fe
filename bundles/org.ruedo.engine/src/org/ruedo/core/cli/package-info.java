/**
 * The {@code ruedo} command line ({@code ./ruedo build|run|debug <project-dir>}): plain Java run by the
 * repository's {@code ruedo} script, using the same engine as the Eclipse builder.
 */
package org.ruedo.core.cli;
