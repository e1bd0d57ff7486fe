/** Package of bundle org.ruedo.debug. */
package org.ruedo.debug;
