/** Implementation detail of the Spark module; hosts must not call it. */
package org.marketlink.spark.internal;
