/** Package of bundle org.ruedo.kernel. */
package org.ruedo.kernel;
