/**
 * The project manifests of docs/CONTRACTS.md section 1: {@code unikernel.toml}
 * ({@link org.ruedo.core.manifest.ProjectManifest}) and the kernel's {@code kernel.toml}
 * ({@link org.ruedo.core.manifest.KernelManifest}), parsed from a TOML subset with every error reported
 * as {@code FILE:LINE: message} ({@link org.ruedo.core.manifest.ManifestException}), and written back
 * in place, comments kept, by {@link org.ruedo.core.manifest.ManifestEditor}.
 */
package org.ruedo.core.manifest;
