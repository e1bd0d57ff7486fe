/** Package of bundle org.ruedo.launch. */
package org.ruedo.launch;
