/** Package of bundle org.ruedo.ui. */
package org.ruedo.ui;
