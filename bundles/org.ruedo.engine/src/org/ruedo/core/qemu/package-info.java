/** Package of bundle org.ruedo.core. */
package org.ruedo.core.qemu;
