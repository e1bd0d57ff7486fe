/**
 * Eclipse workspace integration of the build engine: the project nature, the incremental builder,
 * problem markers and the build-output listener registry. The only package of org.ruedo.core that
 * uses Eclipse APIs (the CLI compiles everything else without them).
 */
package org.ruedo.core.resources;
