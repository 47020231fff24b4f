/** Analysis of experiments: A/B comparisons of rates and means, and the sample sizes they need. */
package org.marketlink.quality.experiments;
