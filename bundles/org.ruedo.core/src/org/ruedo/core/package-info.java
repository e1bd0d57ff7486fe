/**
 * Ruedo core: project manifests ({@code manifest}), toolchain discovery ({@code toolchain}), the build
 * engine ({@code build}), the QEMU command line ({@code qemu}), the CLI ({@code cli}) and, the only part
 * using Eclipse APIs, the project nature, builder and problem markers ({@code resources}).
 */
package org.ruedo.core;
